import { z } from 'zod';
import { defineDefense } from './defense.js';

/**
 * What end-to-end encryption costs, as the vendor documents it (Ring, "Video End-to-End
 * Encryption" help page, 2021): with it on, these stop working.
 */
export const E2EE_LOST_FEATURES = ['cloud-annotation', 'shared-users', 'web-viewing', 'support-clip-look'] as const;

/**
 * End-to-end encryption of video: the cloud stores ciphertext and the keys stay on the
 * owners' phones, so any read of stored clips by someone other than the owner's own app —
 * staff, annotators, an intruder in the console — gets no plaintext.
 */
export const e2ee = defineDefense({
  name: 'e2ee',
  layer: 'data',
  models:
    'Ring Video End-to-End Encryption (2021, keys on the enrolled phone); NIST SP 800-53 Rev. 5 SC-28 (protection of information at rest); FTC v. Ring LLC order (2023) §I, a data-security program protecting customers\u2019 videos',
  schema: z.strictObject({}),
  defaults: {},
  create() {
    let refusedReads = 0;
    return {
      name: 'e2ee',
      data: {
        name: 'e2ee',
        authorizeRead(reader) {
          if (reader.kind === 'account') return undefined;
          refusedReads++;
          return 'ciphertext only: the keys are on the owner\u2019s phone';
        },
      },
      // Features lost: a fixed list, documented; the staff room counts the tickets and jobs they cost.
      stats: () => ({ refusedReads, featuresLost: E2EE_LOST_FEATURES.length }),
    };
  },
});
