import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cloud } from '../../simulator/cloud/cloud.js';
import { LOGIN_REASONS, type LoginAttempt, type LoginRecord, type LoginResult } from '../../simulator/cloud/login-pipeline.js';
import { World } from '../../simulator/core/world.js';
import { installDefenses, latestSecondFactorCode, type DefenseSpec } from '../../simulator/defenses/index.js';
import { propTimeout, runs } from './support/fc-config.js';
import { LockoutModel, lockoutPolicy } from './support/lockout-model.js';
import { assertAsyncProperty } from './support/regressions.js';

/**
 * Concurrent login flows racing one account's lockout counter. Each request and each response
 * is a promise released by fast-check's scheduler, so every interleaving of the flows — a
 * guesser's request between the owner's password step and code step, a clock tick between a
 * request and its answer — can be generated, and a failure prints the order that broke it.
 */
const EMAIL = 'ann@home.test';

type FlowKind = 'guesser' | 'owner' | 'code-guesser';
const flows = fc.array(fc.record({ kind: fc.constantFrom<FlowKind>('guesser', 'guesser', 'owner', 'code-guesser'), attempts: fc.integer({ min: 1, max: 5 }) }), { minLength: 2, maxLength: 5 });
const ticks = fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 6 });

describe('lockout under concurrent logins', () => {
  test('INV-LOCK-2: however concurrent login flows interleave, no failure gets through a lock, the lock comes at exactly the threshold-th failure, and the owner gets in once it ends', async () => {
    await assertAsyncProperty(
      'INV-LOCK-2',
      fc.asyncProperty(fc.scheduler(), lockoutPolicy, fc.boolean(), flows, ticks, async (s, policy, twoFactor, clients, clock) => {
        const world = new World({ seed: 3, retainLog: true });
        const cloud = new Cloud(world);
        cloud.accounts.create({ id: 'a0', email: EMAIL, password: 'pw', homeIds: ['h0'], nowMs: 0 });
        const spec: DefenseSpec = [{ name: 'lockout', params: policy }, ...(twoFactor ? [{ name: '2fa-mandatory' as const, params: { maxCodeAttempts: 3 } }] : [])];
        installDefenses(cloud, world, spec);
        const records: LoginRecord[] = [];
        cloud.login.observe((record) => records.push(record));

        // A request reaches the cloud when the scheduler says so; its answer comes back the same way.
        const send = async (label: string, call: () => LoginResult): Promise<LoginResult> => {
          await s.schedule(Promise.resolve(), `${label} →`);
          const result = call();
          return s.schedule(Promise.resolve(result), `${label} ← ${result.outcome}`);
        };
        const from = (actor: 'owner' | 'attacker', n: number) => ({ ip: `203.0.113.${n}`, clientFingerprint: `${actor}-${n}`, actor });
        const login = (label: string, password: string, who: ReturnType<typeof from>) =>
          send(label, () => cloud.attemptLogin({ email: EMAIL, password, ...who } satisfies LoginAttempt));
        const verify = (label: string, ticket: string, code: string, who: ReturnType<typeof from>) => send(label, () => cloud.login.verifySecondFactor(ticket, code, who));

        const running = clients.map(async ({ kind, attempts }, n) => {
          for (let k = 0; k < attempts; k++) {
            const label = `${kind}#${n}.${k}`;
            if (kind === 'guesser') await login(label, `guess-${k}`, from('attacker', n));
            else {
              const who = from(kind === 'owner' ? 'owner' : 'attacker', n);
              const first = await login(label, 'pw', who);
              if (first.outcome !== 'second-factor-required') continue;
              // The owner types what the inbox shows now (another owner flow may have been sent a newer code since).
              const code = kind === 'owner' ? latestSecondFactorCode(cloud, 'a0')! : 'not-a-code';
              await verify(`${label} code`, first.ticket!, code, who);
            }
          }
        });
        running.push(
          (async () => {
            for (const ms of clock) {
              await s.schedule(Promise.resolve(), `clock +${ms} ms`);
              world.scheduler.advanceTo(world.now() + ms);
            }
          })(),
        );
        await s.waitFor(Promise.all(running));

        // Replay what the cloud actually saw, in the order it saw it, through the policy model.
        const model = new LockoutModel(policy);
        for (const [i, { ctx, reason }] of records.entries()) {
          const where = `request #${i} (${reason} at ${ctx.nowMs} ms)`;
          const locked = model.isLocked(ctx.nowMs);
          if (reason === 'account-locked') expect(locked, `${where}: refused by a lock the policy does not impose (locked early)`).toBe(true);
          else if (reason === LOGIN_REASONS.wrongPassword || reason === LOGIN_REASONS.ok || reason.startsWith('second-factor-') || reason.endsWith('-code') || reason === LOGIN_REASONS.tooManyWrongCodes) {
            expect(locked, `${where}: a password or code was judged while the account was locked`).toBe(false);
          }
          if (reason === LOGIN_REASONS.ok || reason === LOGIN_REASONS.secondFactorOk) model.success();
          if (reason === LOGIN_REASONS.wrongPassword || reason === LOGIN_REASONS.wrongCode || reason === LOGIN_REASONS.tooManyWrongCodes) model.failure(ctx.nowMs);
        }
        const locks = world.log.ofType('defense.lockout').map(({ t: atMs, failures, durationMs, untilMs }) => ({ atMs, failures, durationMs, untilMs }));
        expect(locks, 'lockouts (time, failures, duration) against the policy model').toEqual(model.locks);
        for (const lock of locks) expect(lock.failures, 'failures let through before a lock').toBe(policy.threshold);

        // Whatever happened, the owner gets in once the lock (if any) has ended.
        world.scheduler.advanceTo(Math.max(world.now(), model.lockedUntilMs));
        const owner = from('owner', 200);
        let result = cloud.attemptLogin({ email: EMAIL, password: 'pw', ...owner });
        if (twoFactor) {
          expect(result.outcome, 'the owner after the lock ended, password step').toBe('second-factor-required');
          result = cloud.login.verifySecondFactor(result.ticket!, latestSecondFactorCode(cloud, 'a0')!, owner);
        }
        expect(result.outcome, 'the owner after the lock ended').toBe('ok');
      }),
      { numRuns: runs(200) },
    );
  }, propTimeout());
});
