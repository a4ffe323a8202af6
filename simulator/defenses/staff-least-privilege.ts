import { z } from 'zod';
import { defineDefense } from './defense.js';

/** Roles whose work needs a home's video: support (tickets) and annotation (the labelling queue). */
const NEEDS_VIDEO = new Set(['support', 'video-annotation']);

/**
 * Least privilege at the staff console: roles without a need for customers' video
 * (engineering, contractors) see device metadata only. Ring until 2017 gave every employee
 * and hundreds of contractors full access (FTC v. Ring, complaint ¶¶ 14–19).
 */
export const staffLeastPrivilege = defineDefense({
  name: 'staff-least-privilege',
  layer: 'staff',
  models: 'NIST SP 800-53 Rev. 5 AC-6 (least privilege); FTC v. Ring LLC order (2023) §II, access to customer videos limited to what a role needs',
  schema: z.strictObject({}),
  defaults: {},
  create() {
    let refused = 0;
    return {
      name: 'staff-least-privilege',
      staff: {
        name: 'staff-least-privilege',
        authorize(request) {
          if (request.action === 'view-metadata' || NEEDS_VIDEO.has(request.role)) return undefined;
          refused++;
          return `role ${request.role} sees metadata only`;
        },
      },
      stats: () => ({ refused }),
    };
  },
});
