import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cloud } from '../../simulator/cloud/cloud.js';
import type { LoginAttempt } from '../../simulator/cloud/login-pipeline.js';
import { World } from '../../simulator/core/world.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertProperty } from './support/regressions.js';

const localPart = fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/);
const password = fc.string({ minLength: 1, maxLength: 16 });

/** Whatever happened to the accounts before the probe. */
const history = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('login' as const), who: fc.nat(), right: fc.boolean() }),
    fc.record({ op: fc.constant('change-password' as const), who: fc.nat(), to: password }),
    fc.record({ op: fc.constant('revoke' as const), who: fc.nat() }),
    fc.record({ op: fc.constant('change-email' as const), who: fc.nat(), to: localPart }),
    fc.record({ op: fc.constant('wait' as const), ms: fc.nat(86_400_000) }),
  ),
  { maxLength: 15 },
);

const state = fc.record({
  seed: fc.nat(),
  accounts: fc.uniqueArray(fc.record({ local: localPart, password }), { minLength: 1, maxLength: 6, selector: (a) => a.local }),
  history,
  probe: fc.record({ who: fc.nat(), wrong: password, unknown: localPart, shout: fc.boolean(), former: fc.boolean(), actor: fc.constantFrom('owner', 'attacker') }),
});

describe('one generic answer', () => {
  test('INV-AUTH-1: a wrong password and an unknown account get the same outcome, latency and shape, whatever the account state', () => {
    assertProperty(
      'INV-AUTH-1',
      fc.property(state, ({ seed, accounts, history, probe }) => {
        const world = new World({ seed });
        const cloud = new Cloud(world);
        const live = accounts.map((a, i) => ({ account: cloud.accounts.create({ id: `a${i}`, email: `${a.local}@home.test`, password: a.password, homeIds: [`h${i}`], nowMs: 0 }), password: a.password }));
        const retired: string[] = [];
        const attempt = (email: string, pw: string, actor: LoginAttempt['actor'] = 'owner') => cloud.attemptLogin({ email, password: pw, ip: '192.0.2.10', clientFingerprint: 'fp', actor });
        for (const step of history) {
          if (step.op === 'wait') {
            world.scheduler.advanceTo(world.now() + step.ms);
            continue;
          }
          const a = live[step.who % live.length]!;
          if (step.op === 'login') attempt(a.account.email, step.right ? a.password : `${a.password}x`);
          else if (step.op === 'change-password') cloud.changePassword(a.account, (a.password = step.to), 'owner');
          else if (step.op === 'revoke') cloud.revokeSessions(a.account, 'owner');
          else if (!cloud.accounts.findByEmail(`${step.to}@home.test`)) {
            retired.push(a.account.email);
            cloud.changeEmail(a.account, `${step.to}@home.test`, 'owner');
          }
        }
        const target = live[probe.who % live.length]!;
        // Unknown: never registered, or an address an account moved away from.
        const formerly = retired.filter((e) => !cloud.accounts.findByEmail(e));
        const unknown = probe.former && formerly.length > 0 ? formerly[probe.who % formerly.length]! : `${probe.unknown}@elsewhere.test`;
        fc.pre(probe.wrong !== target.password);
        const email = probe.shout ? target.account.email.toUpperCase() : target.account.email;
        const wrong = attempt(email, probe.wrong, probe.actor);
        const nobody = attempt(unknown, probe.wrong, probe.actor);
        expect(wrong).toEqual(nobody);
        expect(Object.keys(wrong).sort()).toEqual(Object.keys(nobody).sort());
        expect(wrong.outcome).toBe('denied');
        expect(wrong.session).toBeUndefined();
        // ...and the right password still works: the probe did not lock anyone out.
        expect(attempt(email, target.password).outcome).toBe('ok');
      }),
      { numRuns: runs(300) },
    );
  }, propTimeout());
});
