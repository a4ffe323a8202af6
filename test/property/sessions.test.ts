import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ConnectRefusedError, type Link, type TransportMode } from '../../simulator/broker/link.js';
import { connectOwner, createStack, login, signUp } from './support/cloud-world.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertAsyncProperty } from './support/regressions.js';

const MODES: readonly TransportMode[] = ['mqtt', 'direct'];
const holding = fc.constantFrom<'none' | TransportMode>('none', 'mqtt', 'direct');

/**
 * Accounts `target` and `bystander` each log in a few times; some sessions hold a broker link.
 * Then the target changes its password or revokes its sessions.
 */
const scenario = fc.record({
  action: fc.constantFrom('changePassword', 'revokeSessions'),
  target: fc.array(holding, { minLength: 1, maxLength: 4 }),
  bystander: fc.array(holding, { maxLength: 3 }),
  elapsedMs: fc.nat(3_600_000),
  newPassword: fc.string({ minLength: 1, maxLength: 12 }).filter((p) => p !== 'old-secret'),
});

describe('sessions after a password change or revocation', () => {
  test('INV-SESS-1/2: no old token validates or connects; held links drop; other accounts keep theirs', async () => {
    await assertAsyncProperty(
      'INV-SESS-1',
      fc.asyncProperty(fc.nat(), scenario, async (seed, { action, target, bystander, elapsedMs, newPassword }) => {
        const { world, cloud, broker } = await createStack(seed);
        try {
          const who = {
            target: { account: signUp(cloud, 'target', 'Target@Example.test', 'old-secret'), email: 'target@example.test', holds: target },
            bystander: { account: signUp(cloud, 'bystander', 'by@example.test', 'by-secret'), email: 'by@example.test', holds: bystander },
          };
          const tokens: Record<string, string[]> = { target: [], bystander: [] };
          const links: Record<string, Link[]> = { target: [], bystander: [] };
          for (const [name, w] of Object.entries(who)) {
            for (const hold of w.holds) {
              const token = login(cloud, w.email, name === 'target' ? 'old-secret' : 'by-secret')!;
              tokens[name]!.push(token);
              if (hold === 'none') continue;
              const link = await connectOwner(broker, w.email, token, hold);
              if (link instanceof ConnectRefusedError) throw link;
              links[name]!.push(link);
            }
          }
          await world.runUntil(elapsedMs);

          if (action === 'changePassword') cloud.changePassword(who.target.account, newPassword, 'owner');
          else cloud.revokeSessions(who.target.account, 'owner');
          await world.settle();

          for (const token of tokens.target!) {
            expect(cloud.sessions.validate(token), 'old token still validates').toBeUndefined();
            expect(cloud.accountForToken(token)).toBeUndefined();
            for (const mode of MODES) {
              const result = await connectOwner(broker, who.target.email, token, mode);
              expect(result, `old token connected over ${mode}`).toBeInstanceOf(ConnectRefusedError);
            }
          }
          for (const link of links.target!) expect(link.connected, 'a link on a revoked session stayed connected').toBe(false);
          for (const token of tokens.bystander!) expect(cloud.sessions.validate(token)?.accountId).toBe('bystander');
          for (const link of links.bystander!) expect(link.connected).toBe(true);

          // The owner can come back: with the new password after a change, the old one after a revocation.
          const password = action === 'changePassword' ? newPassword : 'old-secret';
          if (action === 'changePassword') expect(login(cloud, who.target.email, 'old-secret')).toBeUndefined();
          const fresh = login(cloud, who.target.email, password);
          expect(fresh && cloud.sessions.validate(fresh)?.accountId).toBe('target');
          const link = await connectOwner(broker, who.target.email, fresh!, 'mqtt');
          expect(link).not.toBeInstanceOf(ConnectRefusedError);
        } finally {
          await world.close();
        }
      }),
      { numRuns: runs(100) },
    );
  }, propTimeout());
});
