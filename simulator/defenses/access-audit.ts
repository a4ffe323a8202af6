import { z } from 'zod';
import { DAY_MS } from '../core/duration.js';
import { openAuditLog, type AuditEntry } from '../staff/audit-log.js';
import { onShift } from '../staff/roster.js';
import '../staff/staff-events.js';
import { staffRoomOf } from '../staff/staff-room.js';
import { defineDefense } from './defense.js';
import { count, durationMs } from './fields.js';

type Rule = 'volume' | 'breadth' | 'sensitivity' | 'off-shift' | 'no-ticket';

interface DayCounts {
  day: number;
  reads: number;
  homes: Set<string>;
  privateReads: number;
  fired: Set<Rule>;
}

/**
 * Audit of staff access: every console request goes into an append-only log; anomaly rules
 * on a staff member's day (volume of clip reads, breadth of homes, a majority of reads of private cameras,
 * reads off shift, reads without a ticket) raise alerts; a security team reviews each after
 * a seeded delay, and suspends the account when the log shows reads no ticket explains.
 * It prevents nothing before that: it detects, and then contains.
 */
export const accessAudit = defineDefense({
  name: 'access-audit',
  layer: 'staff',
  models:
    'NIST SP 800-53 Rev. 5 AU-6 (audit record review, analysis and reporting), AU-9 (protection of audit information), AC-2(12) (account monitoring for atypical usage); FTC v. Ring LLC order (2023) §II, monitoring of employee access to customer videos',
  schema: z.strictObject({
    volumePerDay: count(1),
    breadthPerDay: count(1),
    sensitivePerDay: count(1),
    reviewDelayMeanMs: durationMs(),
  }),
  defaults: {
    // Thresholds: assumptions, above a day of legitimate work (an annotator's ≈24 jobs, support's ≈10 tickets).
    volumePerDay: 40,
    breadthPerDay: 40,
    // Reads of homes whose clips include a private room (nursery, bedroom, bathroom), when they
    // are also most of the day's reads: an assumption; an annotator's random queue is ≈20 % private.
    sensitivePerDay: 5,
    // Mean time until the security team looks at an alert: an assumption (two working days).
    reviewDelayMeanMs: 2 * DAY_MS,
  },
  detects: [{ event: 'staff.audit-alert', metric: 'detections.staffAudit' }],
  create(env, params) {
    const { world } = env;
    const log = openAuditLog(world);
    const random = world.rng('defenses/access-audit');
    const days = new Map<string, DayCounts>();
    const suspended = new Set<string>();
    let alerts = 0;
    let reviews = 0;
    let suspensions = 0;

    const dayOf = (staffId: string): DayCounts => {
      const day = Math.floor(world.now() / DAY_MS);
      let counts = days.get(staffId);
      if (!counts || counts.day !== day) days.set(staffId, (counts = { day, reads: 0, homes: new Set(), privateReads: 0, fired: new Set() }));
      return counts;
    };
    const alert = (staffId: string, counts: DayCounts, rule: Rule, value: number) => {
      if (counts.fired.has(rule) || suspended.has(staffId)) return;
      counts.fired.add(rule);
      alerts++;
      world.log.emit('staff.audit-alert', { staffId, rule, count: value });
      world.scheduler.after(Math.max(1, Math.round(random.exponential(params.reviewDelayMeanMs))), () => review(staffId, rule));
    };
    /** Reads the log as a reviewer would: a clip read that no open ticket for that home explains is abuse. */
    const unexplained = (entry: AuditEntry) => {
      if (!entry.granted || entry.action === 'view-metadata') return false;
      const ticket = staffRoomOf(world)?.board.get(entry.ticketId ?? undefined);
      return !ticket || ticket.homeId !== entry.homeId || ticket.staffId !== entry.staffId;
    };
    const review = (staffId: string, rule: string) => {
      if (suspended.has(staffId)) return;
      reviews++;
      const acted = log.ofStaff(staffId).some(unexplained);
      world.log.emit('staff.audit-review', { staffId, rule, acted });
      if (!acted) return;
      suspended.add(staffId);
      suspensions++;
      world.log.emit('staff.suspended', { staffId });
    };

    world.log.subscribeTo('staff.access', (e) => {
      log.append({ atMs: e.t, staffId: e.staffId, role: e.role, action: e.action, homeId: e.homeId, ticketId: e.ticketId || null, granted: e.granted });
      if (!e.granted || e.action === 'view-metadata') return;
      const counts = dayOf(e.staffId);
      counts.reads++;
      counts.homes.add(e.homeId);
      if (counts.reads > params.volumePerDay) alert(e.staffId, counts, 'volume', counts.reads);
      if (counts.homes.size > params.breadthPerDay) alert(e.staffId, counts, 'breadth', counts.homes.size);
      if (!e.ticketId) alert(e.staffId, counts, 'no-ticket', 1);
      const member = staffRoomOf(world)?.member(e.staffId);
      if (member && !onShift(member, e.t)) alert(e.staffId, counts, 'off-shift', 1);
    });
    world.log.subscribeTo('staff.read', (e) => {
      if (e.privateClips === 0) return;
      const counts = dayOf(e.staffId);
      counts.privateReads++;
      if (counts.privateReads >= params.sensitivePerDay && counts.privateReads * 2 > counts.reads) alert(e.staffId, counts, 'sensitivity', counts.privateReads);
    });

    return {
      name: 'access-audit',
      staff: {
        name: 'access-audit',
        authorize: (request) => (suspended.has(request.staffId) ? 'account suspended by security review' : undefined),
      },
      stats: () => ({ logged: log.size, alerts, reviews, suspensions }),
    };
  },
});
