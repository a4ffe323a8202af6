import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cloud } from '../../simulator/cloud/cloud.js';
import type { LoginRecord } from '../../simulator/cloud/login-pipeline.js';
import { World } from '../../simulator/core/world.js';
import { installDefenses, SlidingWindowLimiter, type DefenseSpec } from '../../simulator/defenses/index.js';
import { gap, gapMs, limitParams, overfullWindow, SlidingLogModel } from './support/arrivals.js';
import { propTimeout, runs } from './support/fc-config.js';
import { limiterProperty } from './support/limiter-property.js';
import { assertProperty } from './support/regressions.js';

const IPS = ['198.51.100.1', '198.51.100.2', '198.51.100.3'];
const EMAILS = ['ann@home.test', 'bob@home.test', 'nobody@home.test']; // the last has no account

/** Login attempts: from which IP, at which account, right password or not, how long after the previous one. */
const attempts = fc.array(fc.record({ ip: fc.nat(IPS.length - 1), who: fc.nat(EMAILS.length - 1), right: fc.boolean(), gap, jitter: fc.nat(1000) }), { maxLength: 60 });

describe('rate limits', () => {
  test('INV-RATE-1: the window limiter never admits more than its limit in any window, agrees with the sliding-log model, and admits again once the window passes', () => {
    assertProperty('INV-RATE-1', limiterProperty((params) => new SlidingWindowLimiter(params)), { numRuns: runs(400) });
  }, propTimeout());

  test('INV-RATE-1 (pipeline): rate-limit-ip, alone or before rate-limit-account, lets at most its limit through per IP per window and lets the IP in again once the window passes', () => {
    assertProperty(
      'INV-RATE-1',
      fc.property(limitParams, fc.option(limitParams, { nil: undefined }), attempts, (ipLimit, accountLimit, sequence) => {
        const world = new World({ seed: 1 });
        const cloud = new Cloud(world);
        EMAILS.slice(0, 2).forEach((email, i) => cloud.accounts.create({ id: `a${i}`, email, password: `pw-${i}`, homeIds: [`h${i}`], nowMs: 0 }));
        const spec: DefenseSpec = [{ name: 'rate-limit-ip', params: ipLimit }, ...(accountLimit ? [{ name: 'rate-limit-account' as const, params: accountLimit }] : [])];
        installDefenses(cloud, world, spec);
        let last: LoginRecord | undefined;
        cloud.login.observe((record) => (last = record));
        const ipModel = new SlidingLogModel(ipLimit);
        const accountModel = accountLimit ? new SlidingLogModel(accountLimit) : undefined;
        const passed = new Map<string, number[]>(); // per IP: attempts that got past rate-limit-ip
        const attempt = (ip: string, who: number, right: boolean) =>
          cloud.attemptLogin({ email: EMAILS[who]!, password: right ? `pw-${who}` : 'guess', ip, clientFingerprint: 'fp', actor: 'attacker' });

        let t = 0;
        for (const step of sequence) {
          t += gapMs(step, ipLimit.windowMs);
          world.scheduler.advanceTo(t);
          const ip = IPS[step.ip]!;
          const result = attempt(ip, step.who, step.right);
          const where = `attempt from ${ip} on ${EMAILS[step.who]} at ${t}`;
          // Every refusal is the generic answer, as late as a wrong password.
          if (result.outcome === 'denied') expect(result.latencyMs, where).toBe(cloud.hasher.costMs);
          let expected = 'password';
          if (!ipModel.wouldAdmit(ip, t)) expected = 'rate-limit-ip';
          else {
            ipModel.record(ip, t);
            passed.set(ip, [...(passed.get(ip) ?? []), t]);
            const accountId = step.who < 2 ? `a${step.who}` : undefined; // unknown e-mails are not tracked
            if (accountModel && accountId !== undefined) {
              if (!accountModel.wouldAdmit(accountId, t)) expected = 'rate-limit-account';
              else accountModel.record(accountId, t);
            }
          }
          expect(last!.stage, where).toBe(expected);
          if (expected === 'password') expect(result.outcome, where).toBe(step.right && step.who < 2 ? 'ok' : 'denied');
          const over = overfullWindow(passed.get(ip) ?? [], ipLimit);
          expect(over, `${ip}: ${over?.length} attempts passed within one window (limit ${ipLimit.limit})`).toBeUndefined();
        }
        // Each refused IP gets in again (to the password check) once its window has passed.
        for (const ip of IPS) {
          const next = ipModel.nextAdmission(ip, t);
          if (next === t) continue;
          world.scheduler.advanceTo((t = next));
          attempt(ip, 2, false);
          expect(last!.stage, `${ip} after its window passed (at ${next})`).toBe('password');
          ipModel.record(ip, t);
        }
      }),
      { numRuns: runs(300) },
    );
  }, propTimeout());
});
