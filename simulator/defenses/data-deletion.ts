import { z } from 'zod';
import { DAY_MS } from '../core/duration.js';
import type { LifecycleRules } from '../lifecycle/rules.js';
import { defineDefense, type Defense } from './defense.js';
import { durationMs } from './fields.js';

/** A data-layer defence is a set of lifecycle rules the cloud's DataLifecycle merges (simulator/lifecycle/rules.ts). */
export function lifecycleDefense(name: string, rules: LifecycleRules): Defense {
  return { name, data: { name, lifecycle: rules }, stats: () => ({}) };
}

/**
 * `verified-deletion`: a deletion request cascades along lineage — every item derived from
 * what was named (transcripts, intents, thumbnails, labels), every training copy, and every
 * model version trained on them (withdrawn and retrained without) — at once in the primary
 * stores and in the backups by `completeWithinMs`, leaving a receipt that can be checked.
 *
 * Models the proposed Alexa order (U.S. v. Amazon.com, W.D. Wash. 2023, §§ on deleting voice
 * recordings, transcripts and geolocation on request, incl. "any data product" derived), the
 * Ring order's deletion of derived data (FTC v. Ring, 2023), and GDPR Art. 17 ("without undue
 * delay", Art. 12(3): at the latest within one month).
 */
export const verifiedDeletion = defineDefense({
  name: 'verified-deletion',
  layer: 'data',
  models: 'U.S. v. Amazon.com (Alexa) proposed order 2023 (deletion of recordings, transcripts, geolocation on request); FTC v. Ring 2023 (derived data); GDPR Art. 17 with Art. 12(3) one-month limit',
  schema: z.object({ completeWithinMs: durationMs(0) }),
  defaults: {
    /** GDPR Art. 12(3): act on a request "within one month of receipt": 30 days, backups included. */
    completeWithinMs: 30 * DAY_MS,
  },
  create: (_env, params) => lifecycleDefense('verified-deletion', { deletion: { completeWithinMs: params.completeWithinMs } }),
});

/**
 * `retention`: every item of a class is deleted once it is older than the class's TTL, by a
 * sweep every `sweepEveryMs` (so no item outlives its TTL by more than one sweep interval).
 *
 * Models COPPA Rule 16 CFR §312.10 (keep children's data only as long as reasonably necessary,
 * under a written retention policy) as the Alexa order applies it; the voice default is
 * Alexa's own longest auto-delete choice.
 */
export const retention = defineDefense({
  name: 'retention',
  layer: 'data',
  models: 'COPPA Rule 16 CFR §312.10 (retention only as long as reasonably necessary; written policy), as required by the 2023 Alexa order',
  schema: z.object({
    voiceTtlMs: durationMs(0),
    locationTtlMs: durationMs(0),
    videoTtlMs: durationMs(0),
    derivedTtlMs: durationMs(0),
    backupTtlMs: durationMs(0),
    sweepEveryMs: durationMs(1),
  }),
  defaults: {
    /** Alexa privacy settings: auto-delete voice recordings after 3 or 18 months; the longer one. */
    voiceTtlMs: 548 * DAY_MS,
    /** The same period for location as for voice (an assumption: the order sets no figure). */
    locationTtlMs: 548 * DAY_MS,
    /** Ring: clips kept 60 days by default on the Protect plan (Ring support, "video storage time"). */
    videoTtlMs: 60 * DAY_MS,
    /** Aggregates: a year (an assumption). */
    derivedTtlMs: 365 * DAY_MS,
    /** Backups rotate within the deletion limit (GDPR Art. 12(3), one month). */
    backupTtlMs: 30 * DAY_MS,
    /** Daily sweep (an assumption; the bound the retention property checks). */
    sweepEveryMs: DAY_MS,
  },
  create: (_env, p) =>
    lifecycleDefense('retention', {
      retention: { ttlMs: { voice: p.voiceTtlMs, location: p.locationTtlMs, video: p.videoTtlMs, derived: p.derivedTtlMs, backup: p.backupTtlMs }, sweepEveryMs: p.sweepEveryMs },
    }),
});

/**
 * `inactive-child-purge`: child profiles with no activity for `inactiveMs` are found and
 * their data deleted within `purgeWithinMs`, unless a parent asked to keep the profile.
 *
 * Models the 2023 Alexa order: Amazon to delete child profiles inactive for more than 18
 * months (with their voice recordings and transcripts) unless a parent objects, within 90 days.
 */
export const inactiveChildPurge = defineDefense({
  name: 'inactive-child-purge',
  layer: 'data',
  models: 'U.S. v. Amazon.com (Alexa) proposed order 2023: delete child profiles inactive 18 months unless a parent keeps them (within 90 days)',
  schema: z.object({ inactiveMs: durationMs(1), purgeWithinMs: durationMs(1), sweepEveryMs: durationMs(1) }),
  defaults: {
    /** The order: inactive for more than 18 months (≈ 548 days). */
    inactiveMs: 548 * DAY_MS,
    /** The order: within 90 days. */
    purgeWithinMs: 90 * DAY_MS,
    /** Weekly search for inactive profiles (an assumption; must be ≤ purgeWithinMs). */
    sweepEveryMs: 7 * DAY_MS,
  },
  check: (p) => (p.sweepEveryMs > p.purgeWithinMs ? `inactive-child-purge.sweepEveryMs (${p.sweepEveryMs}) must be ≤ inactive-child-purge.purgeWithinMs (${p.purgeWithinMs})` : undefined),
  create: (_env, p) => lifecycleDefense('inactive-child-purge', { childPurge: { inactiveMs: p.inactiveMs, purgeWithinMs: p.purgeWithinMs, sweepEveryMs: p.sweepEveryMs } }),
});
