import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cloud } from '../../simulator/cloud/cloud.js';
import { HOUR_MS } from '../../simulator/core/duration.js';
import { World } from '../../simulator/core/world.js';
import { installDefenses } from '../../simulator/defenses/index.js';
import { auditLogOf } from '../../simulator/staff/audit-log.js';
import { staffParamsSchema } from '../../simulator/staff/staff-params.js';
import { StaffRoom } from '../../simulator/staff/staff-room.js';
import type { Ticket } from '../../simulator/staff/ticket-board.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertProperty } from './support/regressions.js';

/**
 * Issue 14's four properties of the staff console, on a cloud with stored clips and random
 * console traffic: any staff member, any home, with no ticket, their own, another home's,
 * an expired or a closed one, with or without consent, time moving between requests.
 * fast-check prints the seed and path of a failure (fc-config.ts).
 */
const HOMES = ['h-1', 'h-2', 'h-3', 'h-4'];
const OTHER_STAFF_DEFENSES = ['staff-least-privilege', 'review-consent', 'access-audit', 'staff-mfa', 'e2ee'] as const;

type TicketMode = 'none' | 'for-home' | 'other-home' | 'closed';
const step = fc.record({
  member: fc.nat(20),
  home: fc.nat(HOMES.length - 1),
  ticket: fc.constantFrom<TicketMode>('none', 'for-home', 'other-home', 'closed'),
  consent: fc.boolean(),
  advanceMs: fc.integer({ min: 0, max: 100 * HOUR_MS }),
  secondFactor: fc.boolean(),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function world(seed: number, spec: string) {
  const w = new World({ seed, retainLog: true });
  const cloud = new Cloud(w);
  installDefenses(cloud, w, spec);
  const room = new StaffRoom(w, cloud, HOMES, staffParamsSchema.parse({}));
  return { w, cloud, room };
}

/** Runs the steps; calls `check` after each console clip view with what it asked and got. */
function drive(
  seed: number,
  spec: string,
  steps: readonly Step[],
  check: (ctx: { ticket: Ticket | undefined; homeId: string; now: number; secondFactor: boolean; granted: boolean; plaintext: number; room: StaffRoom }) => void,
) {
  const { w, cloud, room } = world(seed, spec);
  let clip = 0;
  for (const s of steps) {
    w.scheduler.advanceTo(w.now() + s.advanceMs);
    for (const homeId of HOMES) cloud.data.storeRecording({ clipId: `c${++clip}`, deviceId: `${homeId}-d`, homeId, durationS: 30, capturedAtMs: w.now(), kind: 'indoor-camera', room: 'bedroom', sensitivity: 'private' });
    const member = room.roster[s.member % room.roster.length]!;
    const homeId = HOMES[s.home]!;
    const ticketHome = s.ticket === 'other-home' ? HOMES[(s.home + 1) % HOMES.length]! : homeId;
    const ticket = s.ticket === 'none' ? undefined : room.board.open({ kind: 'support', homeId: ticketHome, openedAtMs: w.now(), needsClips: true, consent: s.consent, staffId: member.staffId });
    if (ticket && s.ticket === 'closed') room.board.close(ticket, w.now());
    const view = room.console.viewClips({ ...room.userOf(member), secondFactor: s.secondFactor }, homeId, 'ticket', ticket?.ticketId);
    check({ ticket, homeId, now: w.now(), secondFactor: s.secondFactor, granted: view.granted, plaintext: view.plaintext.length, room });
  }
  return { w, room };
}

const extra = fc.subarray([...OTHER_STAFF_DEFENSES]);
const withSpec = (base: string, others: readonly string[]) => [base, ...others.filter((o) => o !== base)].join(',');

describe('staff console', () => {
  test('INV-STAFF-1: with staff-jit-access every staff view has an open ticket for that home and the customer’s consent', () => {
    assertProperty(
      'INV-STAFF-1',
      fc.property(fc.nat(), extra, fc.array(step, { maxLength: 30 }), (seed, others, steps) => {
        drive(seed, withSpec('staff-jit-access', others), steps, ({ ticket, homeId, now, granted, room }) => {
          if (!granted) return;
          expect(ticket, 'a ticket').toBeDefined();
          expect(ticket!.homeId).toBe(homeId);
          expect(room.board.isOpen(ticket!, now), 'open').toBe(true);
          expect(ticket!.consent, 'consent').toBe(true);
        });
      }),
      { numRuns: runs(100) },
    );
  }, propTimeout());

  test('INV-STAFF-2: with e2ee no staff read ever yields plaintext', () => {
    assertProperty(
      'INV-STAFF-2',
      fc.property(fc.nat(), extra, fc.array(step, { maxLength: 30 }), (seed, others, steps) => {
        const { w } = drive(seed, withSpec('e2ee', others), steps, ({ plaintext }) => expect(plaintext).toBe(0));
        for (const e of w.log.events()) if (e.type === 'staff.read') expect((e as unknown as { plaintext: boolean }).plaintext).toBe(false);
      }),
      { numRuns: runs(100) },
    );
  }, propTimeout());

  test('INV-STAFF-3: the audit log records every staff request exactly once, in order, and nothing can rewrite it', () => {
    assertProperty(
      'INV-STAFF-3',
      fc.property(fc.nat(), extra, fc.array(step, { maxLength: 30 }), (seed, others, steps) => {
        const { w } = drive(seed, withSpec('access-audit', others), steps, () => {});
        const log = auditLogOf(w)!;
        const requests = w.log.events().filter((e) => e.type === 'staff.access') as unknown as { staffId: string; homeId: string; action: string; granted: boolean }[];
        const entries = log.entries();
        expect(entries.map((e) => [e.seq, e.staffId, e.homeId, e.action, e.granted])).toEqual(requests.map((r, i) => [i, r.staffId, r.homeId, r.action, r.granted]));
        // What a staff role could try with what it can reach: edit, delete, append to the view it is given.
        if (entries.length > 0) {
          expect(() => ((entries[0] as { granted: boolean }).granted = !entries[0]!.granted)).toThrow(TypeError);
          expect(() => (entries as unknown[]).splice(0, 1)).toThrow(TypeError);
        }
        expect(() => (entries as unknown[]).push({})).toThrow(TypeError);
        expect(log.entries()).toEqual(entries);
        expect(log.size).toBe(requests.length);
      }),
      { numRuns: runs(100) },
    );
  }, propTimeout());

  test('INV-STAFF-4: a staff account taken over under staff-mfa (the password, not the second factor) gets no clip', () => {
    assertProperty(
      'INV-STAFF-4',
      fc.property(fc.nat(), extra, fc.array(step, { maxLength: 30 }), (seed, others, steps) => {
        // Every step is the intruder's: a phished password, whatever ticket it names.
        const theirs = steps.map((s) => ({ ...s, secondFactor: false }));
        drive(seed, withSpec('staff-mfa', others), theirs, ({ granted, plaintext }) => {
          expect(granted).toBe(false);
          expect(plaintext).toBe(0);
        });
      }),
      { numRuns: runs(100) },
    );
  }, propTimeout());
});
