import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cloud } from '../../simulator/cloud/cloud.js';
import { World } from '../../simulator/core/world.js';
import { installDefenses } from '../../simulator/defenses/index.js';
import { cloudCommands, type CloudModel, type CloudReal } from './support/cloud-commands.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertProperty } from './support/regressions.js';

const TTL_MS = 10_000;
/** Shorter than a session, and reachable by a few AdvanceClock steps, so tickets expire in some runs. */
const TICKET_TTL_MS = 8_000;
const MAX_CODE_ATTEMPTS = 2;

describe('cloud account API against a model', () => {
  test('INV-CLOUD-1/3: sign-up, logins, enabling 2FA, codes, password changes and resets, e-mail changes, revocation, expiry and token checks agree with the model', () => {
    assertProperty(
      'INV-CLOUD-1',
      fc.property(fc.nat(), cloudCommands(TTL_MS), (seed, commands) => {
        const setup = () => {
          const world = new World({ seed });
          const real: CloudReal = { world, cloud: new Cloud(world, { sessionTtlMs: TTL_MS }), held: [], tickets: [] };
          // Enrolled accounts (EnableTwoFactor) are asked for their factor; the others log in as before.
          installDefenses(real.cloud, world, [{ name: '2fa-optional', params: { codeTtlMs: TICKET_TTL_MS, maxCodeAttempts: MAX_CODE_ATTEMPTS } }]);
          const model: CloudModel = {
            nowMs: 0,
            ttlMs: TTL_MS,
            ticketTtlMs: TICKET_TTL_MS,
            maxCodeAttempts: MAX_CODE_ATTEMPTS,
            accounts: new Map(),
            held: [],
            tickets: [],
            lastTotpStep: new Map(),
            nextId: 0,
          };
          return { model, real };
        };
        fc.modelRun(setup, commands);
      }),
      { numRuns: runs(300) },
    );
  }, propTimeout());

  // Found by INV-CLOUD-1 (seed 7, shrunk): revokeAll counted expired sessions as live.
  test('INV-CLOUD-2: revoking sessions counts only the live ones (an expired session is not counted)', () => {
    const world = new World({ seed: 1 });
    const cloud = new Cloud(world, { sessionTtlMs: TTL_MS });
    const account = cloud.accounts.create({ id: 'a', email: 'ann@home.test', password: 'pw', homeIds: [], nowMs: 0 });
    cloud.attemptLogin({ email: 'ann@home.test', password: 'pw', ip: '192.0.2.1', clientFingerprint: 'f', actor: 'owner' });
    world.scheduler.advanceTo(TTL_MS);
    expect(cloud.sessions.live(account.id)).toEqual([]);
    expect(cloud.revokeSessions(account, 'owner')).toBe(0);
    cloud.attemptLogin({ email: 'ann@home.test', password: 'pw', ip: '192.0.2.1', clientFingerprint: 'f', actor: 'owner' });
    expect(cloud.revokeSessions(account, 'owner')).toBe(1);
  });
});
