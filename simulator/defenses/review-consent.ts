import { z } from 'zod';
import { staffRoomOf } from '../staff/staff-room.js';
import { defineDefense } from './defense.js';

/** Roles that label video for the models. */
const REVIEWERS = new Set(['video-annotation', 'contractor']);

/**
 * Human review only with consent: annotators and contractors read the clips of owners who
 * opted in to review, nobody else's. Ring had humans review videos to train algorithms
 * without consent until January 2018 (FTC v. Ring, complaint ¶¶ 27–30).
 */
export const reviewConsent = defineDefense({
  name: 'review-consent',
  layer: 'staff',
  models: 'FTC v. Ring LLC order (2023) §II: no human review of video for training without the customer\u2019s affirmative express consent; NIST SP 800-53 Rev. 5 PT-4 (consent)',
  schema: z.strictObject({}),
  defaults: {},
  create(env) {
    let refused = 0;
    return {
      name: 'review-consent',
      staff: {
        name: 'review-consent',
        authorize(request) {
          if (request.action === 'view-metadata' || !REVIEWERS.has(request.role)) return undefined;
          if (staffRoomOf(env.world)?.reviewOptedIn(request.homeId)) return undefined;
          refused++;
          return 'owner has not opted in to human review';
        },
      },
      stats: () => ({ refused }),
    };
  },
});
