import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cloud } from '../../simulator/cloud/cloud.js';
import type { LoginRecord, LoginResult } from '../../simulator/cloud/login-pipeline.js';
import { World } from '../../simulator/core/world.js';
import { installDefenses, latestSecondFactorCode, type DefenseSpec } from '../../simulator/defenses/index.js';
import { propTimeout, runs } from './support/fc-config.js';
import { LockoutModel, lockoutPolicy } from './support/lockout-model.js';
import { assertProperty } from './support/regressions.js';

const EMAIL = 'ann@home.test';
const TICKET_TTL_MS = 10_000;

/** When the next step happens, relative to what the model knows: ties, the window's edge, the lock's end. */
type When = 'tie' | 'small' | 'window-end' | 'window-end-1' | 'unlock' | 'unlock-1' | 'long';
/** Who acts: an attacker guessing passwords, the owner logging in, an attacker with the password guessing codes. */
type Who = 'wrong-password' | 'owner' | 'wrong-code';

const steps = fc.array(
  fc.record({
    who: fc.oneof({ arbitrary: fc.constant<Who>('wrong-password'), weight: 4 }, { arbitrary: fc.constantFrom<Who>('owner', 'wrong-code'), weight: 1 }),
    when: fc.constantFrom<When>('tie', 'small', 'window-end', 'window-end-1', 'unlock', 'unlock-1', 'long'),
    jitter: fc.nat(1000),
  }),
  { maxLength: 40 },
);

describe('lockout', () => {
  test('INV-LOCK-1: lockout locks exactly when the policy model does (threshold in window, duration, growth, cap), and the owner logs in again the moment it expires', () => {
    assertProperty(
      'INV-LOCK-1',
      fc.property(lockoutPolicy, fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), steps, (policy, maxCodeAttempts, sequence) => {
        const world = new World({ seed: 1, retainLog: true });
        const cloud = new Cloud(world);
        cloud.accounts.create({ id: 'a0', email: EMAIL, password: 'pw', homeIds: ['h0'], nowMs: 0 });
        // With a code-entry limit drawn, 2FA is on and wrong codes count as failures too.
        const twoFactor = maxCodeAttempts !== undefined;
        const spec: DefenseSpec = [
          { name: 'lockout', params: policy },
          ...(twoFactor ? [{ name: '2fa-mandatory' as const, params: { method: 'email' as const, maxCodeAttempts, codeTtlMs: TICKET_TTL_MS } }] : []),
        ];
        installDefenses(cloud, world, spec);
        let last: LoginRecord | undefined;
        cloud.login.observe((record) => (last = record));
        const model = new LockoutModel(policy);
        const attacker = { ip: '203.0.113.9', clientFingerprint: 'bot', actor: 'attacker' as const };
        const owner = { ip: '198.51.100.7', clientFingerprint: 'app', actor: 'owner' as const };
        let ticket: { id: string; expiresAt: number; wrong: number } | undefined;

        /** A login the lock must refuse while it lasts, with the generic answer. */
        const expectLockRefusal = (result: LoginResult, where: string) => {
          expect(result.outcome, where).toBe('denied');
          expect(last!.reason, `${where}: refused by the lock`).toBe('account-locked');
          expect(result.latencyMs, `${where}: as late as a wrong password`).toBe(cloud.hasher.costMs);
        };
        const ownerLogsIn = (where: string) => {
          let result = cloud.attemptLogin({ email: EMAIL, password: 'pw', ...owner });
          if (model.isLocked(world.now())) return expectLockRefusal(result, where);
          if (twoFactor) {
            expect(result.outcome, where).toBe('second-factor-required');
            result = cloud.login.verifySecondFactor(result.ticket!, latestSecondFactorCode(cloud, 'a0')!, owner);
          }
          expect(result.outcome, `${where}: the owner gets in`).toBe('ok');
          model.success();
        };

        let t = 0;
        for (const [i, step] of sequence.entries()) {
          const span = 3 * (policy.windowMs + policy.durationMs);
          const next = { tie: t, small: t + (step.jitter % 5), 'window-end': model.windowEndMs(), 'window-end-1': model.windowEndMs() - 1, unlock: model.lockedUntilMs, 'unlock-1': model.lockedUntilMs - 1, long: t + (step.jitter % span) }[step.when];
          world.scheduler.advanceTo((t = Math.max(t, next)));
          const where = `step #${i} (${step.who} at ${t} ms)`;
          if (step.who === 'owner') ownerLogsIn(where);
          else if (step.who === 'wrong-password' || !twoFactor) {
            const result = cloud.attemptLogin({ email: EMAIL, password: 'guess', ...attacker });
            if (model.isLocked(t)) expectLockRefusal(result, where);
            else {
              expect(last!.reason, where).toBe('wrong-password');
              model.failure(t);
            }
          } else {
            // The attacker knows the password: it needs an open ticket to guess codes against.
            if (!ticket || t >= ticket.expiresAt || ticket.wrong >= maxCodeAttempts!) {
              const opened = cloud.attemptLogin({ email: EMAIL, password: 'pw', ...attacker });
              ticket = undefined;
              if (model.isLocked(t)) {
                expectLockRefusal(opened, where);
                continue;
              }
              expect(opened.outcome, where).toBe('second-factor-required');
              ticket = { id: opened.ticket!, expiresAt: t + TICKET_TTL_MS, wrong: 0 };
            }
            const result = cloud.login.verifySecondFactor(ticket.id, 'not-a-code', attacker);
            if (model.isLocked(t)) {
              // A ticket opened before the lock takes no code during it (INV-LOCK-3), and is void.
              expectLockRefusal(result, where);
              ticket = undefined;
              continue;
            }
            ticket.wrong++;
            expect(result.outcome, where).toBe(ticket.wrong < maxCodeAttempts! ? 'second-factor-required' : 'denied');
            model.failure(t); // a wrong code is a failed authentication attempt (NIST 800-63B §5.2.2)
          }
          const locks = world.log.ofType('defense.lockout').map(({ t: atMs, failures, durationMs, untilMs }) => ({ atMs, failures, durationMs, untilMs }));
          expect(locks, `${where}: lockouts so far`).toEqual(model.locks);
        }
        for (const lock of model.locks) expect(lock.failures, 'every lock comes after exactly `threshold` failures').toBe(policy.threshold);

        // The owner is refused until the lock ends, and gets in the moment it does.
        if (model.isLocked(t)) {
          world.scheduler.advanceTo(model.lockedUntilMs - 1);
          ownerLogsIn('the owner 1 ms before the lock ends');
          world.scheduler.advanceTo(model.lockedUntilMs);
        }
        ownerLogsIn('the owner once the lock has ended');
        expect(last!.outcome).toBe('ok');
      }),
      { numRuns: runs(300) },
    );
  }, propTimeout());
});
