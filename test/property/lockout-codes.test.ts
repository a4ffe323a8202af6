import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cloud } from '../../simulator/cloud/cloud.js';
import { LOGIN_REASONS, type LoginRecord } from '../../simulator/cloud/login-pipeline.js';
import { World } from '../../simulator/core/world.js';
import { installDefenses, latestSecondFactorCode } from '../../simulator/defenses/index.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertProperty } from './support/regressions.js';

/**
 * INV-LOCK-3: lockout also bounds code guessing. An attacker with the password opens several
 * tickets before any failure (opening one is a correct password, not a failure), then
 * submits codes across them. Once wrong codes lock the account, no ticket takes another code
 * — not even the right one — until the lock ends: a locked account completes no login.
 */
const submission = fc.record({ ticket: fc.nat(7), right: fc.boolean() });

describe('lockout and second-factor codes', () => {
  test('INV-LOCK-3: once wrong codes lock an account, no open ticket judges another code or completes a login until the lock ends', () => {
    assertProperty(
      'INV-LOCK-3',
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(submission, { maxLength: 40 }),
        (threshold, maxCodeAttempts, ticketCount, submissions) => {
          const world = new World({ seed: 1 });
          const cloud = new Cloud(world);
          cloud.accounts.create({ id: 'a0', email: 'ann@home.test', password: 'pw', homeIds: ['h0'], nowMs: 0 });
          installDefenses(cloud, world, [
            { name: 'lockout', params: { threshold, durationMs: 60_000 } },
            { name: '2fa-mandatory', params: { method: 'sms', maxCodeAttempts } },
          ]);
          const records: LoginRecord[] = [];
          cloud.login.observe((record) => records.push(record));
          const from = { ip: '203.0.113.5', clientFingerprint: 'bot', actor: 'attacker' as const };
          const tickets = Array.from({ length: ticketCount }, () => {
            const opened = cloud.attemptLogin({ email: 'ann@home.test', password: 'pw', ...from });
            expect(opened.outcome).toBe('second-factor-required');
            return { id: opened.ticket!, code: latestSecondFactorCode(cloud, 'a0')! };
          });
          let wrongJudged = 0;
          let locked = false;
          for (const [i, s] of submissions.entries()) {
            const ticket = tickets[s.ticket % tickets.length]!;
            const result = cloud.login.verifySecondFactor(ticket.id, s.right ? ticket.code : 'wrong', from);
            const { reason } = records.at(-1)!;
            if (locked) {
              expect(result.outcome, `submission #${i} during the lock (${s.right ? 'right' : 'wrong'} code)`).toBe('denied');
              expect(result.session, `submission #${i}: a session while the account is locked`).toBeUndefined();
              expect([LOGIN_REASONS.wrongCode, LOGIN_REASONS.tooManyWrongCodes, LOGIN_REASONS.secondFactorOk], `submission #${i}: a code judged while the account is locked`).not.toContain(reason);
            }
            if (reason === LOGIN_REASONS.secondFactorOk) break; // the attacker is in: a success resets the count
            if (reason === LOGIN_REASONS.wrongCode || reason === LOGIN_REASONS.tooManyWrongCodes) wrongJudged++;
            locked ||= wrongJudged >= threshold;
          }
          expect(wrongJudged, 'wrong codes judged before a success').toBeLessThanOrEqual(threshold);
        },
      ),
      { numRuns: runs(300) },
    );
  }, propTimeout());
});
