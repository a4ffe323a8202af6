import { z } from 'zod';
import { HOUR_MS } from '../core/duration.js';
import { staffRoomOf } from '../staff/staff-room.js';
import { defineDefense } from './defense.js';
import { durationMs } from './fields.js';

/**
 * Just-in-time access: a clip, a live view or an export only under an open ticket (or
 * annotation job) for that very home, with the customer's consent, within a time box from
 * the ticket's opening. Metadata stays open to staff (what "shows offline" needs).
 */
export const staffJitAccess = defineDefense({
  name: 'staff-jit-access',
  layer: 'staff',
  models:
    'NIST SP 800-53 Rev. 5 AC-2(6) dynamic privilege management and AC-6; FTC v. Ring LLC order (2023) §II: human review of a customer\u2019s video only with the customer\u2019s express consent',
  schema: z.strictObject({ timeBoxMs: durationMs() }),
  // 72 h: an assumption, a support ticket's usual life; the order names no figure.
  defaults: { timeBoxMs: 72 * HOUR_MS },
  create(env, params) {
    let refused = 0;
    const refuse = (reason: string) => {
      refused++;
      return reason;
    };
    return {
      name: 'staff-jit-access',
      staff: {
        name: 'staff-jit-access',
        authorize(request) {
          if (request.action === 'view-metadata') return undefined;
          const board = staffRoomOf(env.world)?.board;
          const ticket = board?.get(request.ticketId);
          const now = env.world.now();
          if (!board || !ticket) return refuse('no open ticket');
          if (ticket.homeId !== request.homeId) return refuse('ticket is for another home');
          if (!board.isOpen(ticket, now)) return refuse('ticket is closed');
          if (!ticket.consent) return refuse('no customer consent');
          if (now - ticket.openedAtMs > params.timeBoxMs) return refuse('time box expired');
          return undefined;
        },
      },
      stats: () => ({ refused }),
    };
  },
});
