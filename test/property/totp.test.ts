import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cloud } from '../../simulator/cloud/cloud.js';
import { newTotpSecret, TotpVerifier } from '../../simulator/cloud/totp.js';
import { SeededRandom } from '../../simulator/core/random.js';
import { World } from '../../simulator/core/world.js';
import { authenticatorCode, installDefenses } from '../../simulator/defenses/index.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertProperty } from './support/regressions.js';
import { after, codeFor, matchedStep, stepAt, submissions } from './support/totp-model.js';

const windowSteps = fc.integer({ min: 0, max: 2 });
const TICKET_TTL_MS = 10 * 60_000;

/**
 * What every accepted code must satisfy, whoever checks it: it is the code of a step within
 * ±windowSteps of now, and no step is accepted twice for an account (nor one older than an
 * accepted step). `accepted` maps account → steps accepted so far, in order.
 */
function expectAcceptable(secret: string, code: string, nowMs: number, w: number, accepted: number[], where: string): number {
  const step = matchedStep(secret, code, nowMs, w);
  expect(step, `${where}: accepted ${code}, which is outside ±${w} steps of step ${stepAt(nowMs)}`).toBeDefined();
  const last = accepted[accepted.length - 1];
  expect(last === undefined || step! > last, `${where}: accepted step ${step} again (or after newer step ${last}): a replay`).toBe(true);
  accepted.push(step!);
  return step!;
}

describe('TOTP codes', () => {
  test('INV-TOTP-1: the verifier accepts a code at most once and never outside its ±window steps; it accepts exactly what the RFC 6238 model accepts', () => {
    assertProperty(
      'INV-TOTP-1',
      fc.property(fc.nat(), windowSteps, submissions(2), (seed, w, sequence) => {
        const random = new SeededRandom(seed);
        const secrets = [newTotpSecret(random), newTotpSecret(random)];
        const verifier = new TotpVerifier({}, w);
        const accepted: number[][] = [[], []];
        const lastCode: Array<string | undefined> = [undefined, undefined];
        let now = 0;
        for (const [i, s] of sequence.entries()) {
          now = after(now, s);
          const secret = secrets[s.account]!;
          const code = codeFor(secret, s.code, now, lastCode[s.account]);
          const ok = verifier.verify(`acct-${s.account}`, secret, code, now);
          // The model: inside the window, and a step newer than the last accepted one.
          const step = matchedStep(secret, code, now, w);
          const last = accepted[s.account]!.at(-1);
          const expected = step !== undefined && (last === undefined || step > last);
          expect(ok, `submission #${i} (${code} at ${now} ms, step ${stepAt(now)}) accepted?`).toBe(expected);
          if (ok) {
            expectAcceptable(secret, code, now, w, accepted[s.account]!, `submission #${i}`);
            lastCode[s.account] = code;
          }
        }
      }),
      { numRuns: runs(300) },
    );
  }, propTimeout());

  test('INV-TOTP-1 (pipeline): with 2fa-mandatory by TOTP, a login gets a session only for a code within the window, each step at most once', () => {
    assertProperty(
      'INV-TOTP-1',
      fc.property(fc.nat(), windowSteps, submissions(1, 30), (seed, w, sequence) => {
        const world = new World({ seed });
        const cloud = new Cloud(world);
        const account = cloud.accounts.create({ id: 'a0', email: 'ann@home.test', password: 'pw', homeIds: ['h0'], nowMs: 0 });
        // Wrong codes never void the ticket here: this property is about which codes pass.
        installDefenses(cloud, world, [{ name: '2fa-mandatory', params: { method: 'totp', totpWindowSteps: w, maxCodeAttempts: 1_000, codeTtlMs: TICKET_TTL_MS } }]);
        const from = { ip: '192.0.2.1', clientFingerprint: 'fp', actor: 'owner' as const };
        const openTicket = () => {
          const result = cloud.attemptLogin({ email: 'ann@home.test', password: 'pw', ...from });
          expect(result.outcome).toBe('second-factor-required');
          return { id: result.ticket!, openedAt: world.now() };
        };
        let ticket = openTicket();
        const secret = account.totpSecret!; // issued at the first prompt
        expect(authenticatorCode(cloud, account)).toMatch(/^\d{6}$/);
        const accepted: number[] = [];
        let lastCode: string | undefined;
        for (const [i, s] of sequence.entries()) {
          world.scheduler.advanceTo(after(world.now(), s));
          if (world.now() >= ticket.openedAt + TICKET_TTL_MS) ticket = openTicket(); // the old one expired
          const code = codeFor(secret, s.code, world.now(), lastCode);
          const result = cloud.login.verifySecondFactor(ticket.id, code, from);
          if (result.outcome === 'ok') {
            expect(result.session?.accountId).toBe('a0');
            expectAcceptable(secret, code, world.now(), w, accepted, `submission #${i}`);
            lastCode = code;
          } else {
            expect(result.outcome, `submission #${i}: a wrong code keeps the ticket open`).toBe('second-factor-required');
          }
          if (result.outcome === 'ok') ticket = openTicket(); // a success closes its ticket
        }
      }),
      { numRuns: runs(150) },
    );
  }, propTimeout());
});
