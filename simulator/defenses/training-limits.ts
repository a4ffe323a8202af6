import { z } from 'zod';
import { DAY_MS } from '../core/duration.js';
import { defineDefense } from './defense.js';
import { durationMs } from './fields.js';
import { lifecycleDefense } from './data-deletion.js';

/**
 * `no-training-on-children`: items about a child profile never enter a training set.
 * Models the 2023 Alexa order's ban on using children's voice data to train algorithms
 * (and COPPA's limit of use to the purpose it was collected for, 16 CFR §312.7).
 */
export const noTrainingOnChildren = defineDefense({
  name: 'no-training-on-children',
  layer: 'data',
  models: 'U.S. v. Amazon.com (Alexa) proposed order 2023: no use of children\u2019s voice data to create or improve data products; COPPA 16 CFR §312.7',
  schema: z.object({}),
  defaults: {},
  create: () => lifecycleDefense('no-training-on-children', { training: { excludeChildren: true } }),
});

/**
 * `training-consent`: only items made under the subject's consent to training enter a set.
 * Models GDPR Art. 6(1)(a) and Art. 7 (consent for a purpose, demonstrable) as a comparison.
 */
export const trainingConsent = defineDefense({
  name: 'training-consent',
  layer: 'data',
  models: 'GDPR Art. 6(1)(a) and Art. 7 (consent for the purpose, demonstrable); the Ring order\u2019s consent to human review of video',
  schema: z.object({}),
  defaults: {},
  create: () => lifecycleDefense('training-consent', { training: { requireConsent: true } }),
});

/**
 * `disgorgement`: every `auditEveryMs`, model versions whose lineage reaches data that was
 * deleted on request, unlawfully reviewed, or not consented to are withdrawn (every version
 * trained on it) and the serving one retrained without it; the items lost are counted.
 * Models the 2023 Ring order (FTC v. Ring LLC): delete "data, models, and algorithms derived"
 * from videos reviewed without consent.
 */
export const disgorgement = defineDefense({
  name: 'disgorgement',
  layer: 'data',
  models: 'FTC v. Ring LLC order 2023: delete data, models and algorithms derived from unlawfully reviewed videos (algorithmic disgorgement)',
  schema: z.object({ auditEveryMs: durationMs(1) }),
  defaults: {
    /** A monthly audit (an assumption; the order sets its own deadlines for the first). */
    auditEveryMs: 30 * DAY_MS,
  },
  create: (_env, p) => lifecycleDefense('disgorgement', { disgorgement: { auditEveryMs: p.auditEveryMs } }),
});
