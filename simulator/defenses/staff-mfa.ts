import { z } from 'zod';
import { DAY_MS } from '../core/duration.js';
import { defineDefense } from './defense.js';

/**
 * A second factor for every staff console session: a password phished or reused from
 * another breach no longer opens the console. Staff sign in once a day with their token
 * (counted as prompts, the cost); a request from a password-only session is refused.
 */
export const staffMfa = defineDefense({
  name: 'staff-mfa',
  layer: 'staff',
  models: 'NIST SP 800-53 Rev. 5 IA-2(1) multi-factor authentication to privileged accounts; FTC v. Ring LLC order (2023) §IV, multi-factor authentication for employees',
  schema: z.strictObject({}),
  defaults: {},
  create(env) {
    let refused = 0;
    const prompted = new Set<string>();
    return {
      name: 'staff-mfa',
      staff: {
        name: 'staff-mfa',
        authorize(request) {
          if (request.secondFactor !== true) {
            refused++;
            return 'console session has no second factor';
          }
          prompted.add(`${request.staffId}@${Math.floor(env.world.now() / DAY_MS)}`);
          return undefined;
        },
      },
      stats: () => ({ prompts: prompted.size, refused }),
    };
  },
});
