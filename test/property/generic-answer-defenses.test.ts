import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cloud } from '../../simulator/cloud/cloud.js';
import type { LoginResult } from '../../simulator/cloud/login-pipeline.js';
import { World } from '../../simulator/core/world.js';
import { installDefenses, installedDefense, parseDefenses, solveChallenge } from '../../simulator/defenses/index.js';
import { arbDefenseOverrides, arbDefenseSet } from '../../simulator/testing/index.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertProperty } from './support/regressions.js';

/**
 * INV-AUTH-2 (ASVS 6.3.8, no user enumeration): under any defence set with lockout, a prober
 * cannot tell a wrong password, an unknown account and a locked account apart — not by the
 * outcome, not by latencyMs, not by the shape of the answer. Every probe comes from a fresh
 * IP, so per-IP defences treat the probes alike, and answers bot challenges like a person.
 */
describe('one generic answer, with defences on', () => {
  test('INV-AUTH-2: under generated defence sets, answers for a wrong password, an unknown account and a locked account (right or wrong password) are identical, latency included', () => {
    assertProperty(
      'INV-AUTH-2',
      fc.property(
        fc.nat(),
        arbDefenseSet({ include: ['lockout'], layers: ['login'] }), // a bare cloud: no broker
        arbDefenseOverrides(),
        fc.integer({ min: 1, max: 5 }),
        fc.string({ minLength: 1, maxLength: 12 }),
        (seed, defenses, overrides, threshold, guess) => {
          fc.pre(guess !== 'pw-wendy' && guess !== 'pw-lou');
          const world = new World({ seed });
          const cloud = new Cloud(world);
          cloud.accounts.create({ id: 'wendy', email: 'wendy@home.test', password: 'pw-wendy', homeIds: ['h1'], nowMs: 0 });
          cloud.accounts.create({ id: 'lou', email: 'lou@home.test', password: 'pw-lou', homeIds: ['h2'], nowMs: 0 });
          // The lock must be what refuses lou: an account rate limit below the threshold would refuse first.
          installDefenses(cloud, world, parseDefenses(defenses, [...overrides, `lockout.threshold=${threshold}`, 'rate-limit-account.limit=1000']));

          let ips = 0;
          const freshIp = () => `10.0.${++ips >> 8}.${ips & 255}`;
          /** What a client that answers challenges like a person finally gets, and every challenge answer on the way. */
          const ask = (email: string, password: string) => {
            const challenges: LoginResult[] = [];
            const base = { email, password, ip: freshIp(), clientFingerprint: 'prober', actor: 'attacker' as const };
            let result = cloud.attemptLogin(base);
            while (result.outcome === 'challenge' && challenges.length < 50) {
              challenges.push(result);
              const { passToken } = solveChallenge(cloud, 'human');
              result = cloud.attemptLogin(passToken === null ? base : { ...base, challengePass: passToken });
            }
            return { result, challenges };
          };

          for (let k = 0; k < threshold; k++) ask('lou@home.test', `wrong-${k}`);
          const lockout = installedDefense(cloud, 'lockout') as unknown as { isLocked(id: string, nowMs: number): boolean };
          expect(lockout.isLocked('lou', world.now()), `lou locked after ${threshold} failures`).toBe(true);

          const probes = {
            'wrong password': ask('wendy@home.test', guess),
            'unknown account': ask('nobody@home.test', guess),
            'locked account, wrong password': ask('lou@home.test', guess),
            'locked account, right password': ask('lou@home.test', 'pw-lou'),
          };
          const reference = probes['wrong password'];
          expect(reference.result.outcome).toBe('denied');
          expect(reference.result.latencyMs).toBe(cloud.hasher.costMs);
          for (const [name, probe] of Object.entries(probes)) {
            expect(probe.result, `${name} vs wrong password`).toStrictEqual(reference.result);
            for (const challenge of probe.challenges) expect(challenge, `${name}: a challenge answer`).toStrictEqual({ outcome: 'challenge', latencyMs: 0, session: undefined, ticket: undefined, secondFactorMethod: undefined });
          }
        },
      ),
      { numRuns: runs(200) },
    );
  }, propTimeout());
});
