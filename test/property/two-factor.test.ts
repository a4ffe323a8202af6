import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cloud } from '../../simulator/cloud/cloud.js';
import { LOGIN_REASONS, type LoginRecord } from '../../simulator/cloud/login-pipeline.js';
import { World } from '../../simulator/core/world.js';
import { authenticatorCode, installDefenses, latestSecondFactorCode, ownerNotices, parseDefenses } from '../../simulator/defenses/index.js';
import { arbDefenseOverrides, arbDefenseSet } from '../../simulator/testing/index.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertAsyncProperty } from './support/regressions.js';
import { matchedStep } from './support/totp-model.js';

/**
 * INV-2FA-1: the attacker holds the owner's password (stuffing worked) but not the phone,
 * mailbox or TOTP secret. Whatever it does — log in again and again for fresh tickets, guess
 * codes on any of them, wait — and whatever else is switched on, it gets a session only by
 * submitting the right code, and each ticket judges at most `maxCodeAttempts` of its codes.
 * A "lucky" guess submits the right code (as if guessed), so the property also sees right
 * codes arriving on tickets that are already void.
 */
type Step =
  | { op: 'login'; ip: number }
  | { op: 'guess'; ticket: number; digits: number; lucky: boolean }
  | { op: 'owner' }
  | { op: 'wait'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('login' as const), ip: fc.nat(2) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('guess' as const), ticket: fc.nat(), digits: fc.nat(99_999_999), lucky: fc.boolean() }), weight: 5 },
  { arbitrary: fc.constant({ op: 'owner' as const }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 20 * 60_000 }) }), weight: 1 },
);

const twoFactor = fc.record({
  method: fc.constantFrom('email', 'sms', 'totp'),
  maxCodeAttempts: fc.integer({ min: 1, max: 5 }),
  codeDigits: fc.integer({ min: 4, max: 6 }),
});

/** Reasons of a code the issuing stage judged (as opposed to a ticket that was already gone). */
const JUDGED = new Set<string>([LOGIN_REASONS.wrongCode, LOGIN_REASONS.tooManyWrongCodes, LOGIN_REASONS.secondFactorOk]);

describe('mandatory second factor', () => {
  test('INV-2FA-1: with 2fa-mandatory an attacker with the password but not the second factor gets a session only with the right code, and no ticket judges more than maxCodeAttempts codes', async () => {
    await assertAsyncProperty(
      'INV-2FA-1',
      fc.asyncProperty(
        fc.nat(),
        arbDefenseSet({ include: ['2fa-mandatory'], exclude: ['bot-detection'], layers: ['login'] }), // a bare cloud: no broker
        arbDefenseOverrides(),
        twoFactor,
        fc.array(step, { maxLength: 40 }),
        async (seed, defenses, overrides, tf, steps) => {
          const world = new World({ seed });
          const cloud = new Cloud(world);
          const account = cloud.accounts.create({ id: 'a0', email: 'ann@home.test', password: 'stolen-pw', homeIds: ['h0'], nowMs: 0 });
          const mine = Object.entries(tf).map(([field, value]) => `2fa-mandatory.${field}=${value}`);
          installDefenses(cloud, world, parseDefenses(defenses, [...overrides, ...mine]));
          let ownerPassword = 'stolen-pw'; // until an alerted owner changes it
          ownerNotices(cloud).onPasswordChanged((notice) => (ownerPassword = notice.newPassword));
          const records: LoginRecord[] = [];
          cloud.login.observe((record) => records.push(record));

          const digits = tf.method === 'totp' ? 6 : tf.codeDigits;
          const tickets: Array<{ id: string; code: string | undefined; judged: number; closed: boolean }> = [];
          let accepted = 0;
          let judged = 0;
          for (const [i, s] of steps.entries()) {
            const where = `step #${i} (${s.op} at ${world.now()} ms)`;
            const attacker = { ip: `203.0.113.${s.op === 'login' ? s.ip : 0}`, clientFingerprint: 'bot', actor: 'attacker' as const };
            if (s.op === 'wait') await world.runUntil(world.now() + s.ms);
            else if (s.op === 'login') {
              const result = cloud.attemptLogin({ email: 'ann@home.test', password: 'stolen-pw', ...attacker });
              expect(result.outcome, `${where}: a password alone never gives a session`).not.toBe('ok');
              expect(result.session, where).toBeUndefined();
              if (result.outcome === 'second-factor-required') {
                // The code just sent belongs to this ticket (the attacker cannot read it; the test can).
                tickets.push({ id: result.ticket!, code: tf.method === 'totp' ? undefined : latestSecondFactorCode(cloud, 'a0'), judged: 0, closed: false });
              }
            } else if (s.op === 'owner') {
              const owner = { ip: '198.51.100.7', clientFingerprint: 'app', actor: 'owner' as const };
              const first = cloud.attemptLogin({ email: 'ann@home.test', password: ownerPassword, ...owner });
              const code = tf.method === 'totp' ? authenticatorCode(cloud, account) : latestSecondFactorCode(cloud, 'a0');
              if (first.outcome === 'second-factor-required') cloud.login.verifySecondFactor(first.ticket!, code!, owner);
            } else if (tickets.length > 0) {
              const ticket = tickets[s.ticket % tickets.length]!;
              const right = tf.method === 'totp' ? authenticatorCode(cloud, account) : ticket.code!;
              const code = s.lucky ? right : String(s.digits % 10 ** digits).padStart(digits, '0');
              const result = cloud.login.verifySecondFactor(ticket.id, code, attacker);
              if (ticket.closed) expect(result.outcome, `${where}: a closed ticket takes no more codes`).toBe('denied');
              if (JUDGED.has(records.at(-1)!.reason)) {
                ticket.judged++;
                judged++;
                expect(ticket.judged, `${where}: codes judged on one ticket`).toBeLessThanOrEqual(tf.maxCodeAttempts);
              }
              if (result.outcome === 'ok') {
                const isRight = tf.method === 'totp' ? matchedStep(account.totpSecret!, code, world.now(), 1) !== undefined : code === ticket.code;
                expect(isRight, `${where}: session for code ${code}, which is not the ticket's`).toBe(true);
                expect(result.session!.heldBy).toBe('attacker');
                accepted++;
              }
              if (result.outcome !== 'second-factor-required') ticket.closed = true;
            }
          }
          // Per account: the guesses the server judged are bounded by the code-entry limit per ticket.
          expect(judged, 'codes judged across all tickets').toBeLessThanOrEqual(tf.maxCodeAttempts * tickets.length);
          // Every session the attacker ever got came from an accepted code, none from a password.
          const attackerOk = records.filter((r) => r.outcome === 'ok' && r.ctx.attempt.actor === 'attacker');
          expect(attackerOk.map((r) => r.reason)).toEqual(Array(accepted).fill(LOGIN_REASONS.secondFactorOk));
        },
      ),
      { numRuns: runs(150) },
    );
  }, propTimeout());
});
