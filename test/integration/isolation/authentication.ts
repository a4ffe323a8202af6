import { describe, expect, it } from 'vitest';
import { refusals } from '../helpers/live-world.js';
import { connectOwner, home, type IsolationContext } from './context.js';

/** CONNACK 0x04 (MQTT 3.1.1 §3.2.2.3). */
const BAD_USER_NAME_OR_PASSWORD = 4;

export function authenticationIsolation(ctx: IsolationContext): void {
  describe('who may connect', () => {
    it('refuses an anonymous CONNECT, with or without a user name', async () => {
      const live = ctx.live();
      const before = refusals(live, 'broker.connect-refused').length;
      expect((await ctx.pool().refused({ clientId: 'anon-1' })).code).toBe(BAD_USER_NAME_OR_PASSWORD);
      expect((await ctx.pool().refused({ clientId: 'anon-2', username: home(ctx, 'A').email })).code).toBe(BAD_USER_NAME_OR_PASSWORD);
      const logged = refusals(live, 'broker.connect-refused').slice(before);
      expect(logged).toMatchObject([
        { clientId: 'anon-1', username: '', reason: 'anonymous connections are refused' },
        { clientId: 'anon-2', username: home(ctx, 'A').email, reason: 'anonymous connections are refused' },
      ]);
    });

    it('refuses a wrong password, and the account password itself (only a session token is a broker password)', async () => {
      const A = home(ctx, 'A');
      const device = A.devices[0]!;
      const attempts = [
        { username: A.email, password: 'not-a-session-token' },
        { username: A.email, password: A.password },
        { username: home(ctx, 'B').email, password: ctx.live().login(A) }, // A's token under B's name
        { username: device.deviceId, password: 'wrong-credential' },
        { username: device.deviceId, password: home(ctx, 'B').devices[0]!.credential },
      ];
      for (const attempt of attempts) {
        expect((await ctx.pool().refused(attempt)).code, attempt.username).toBe(BAD_USER_NAME_OR_PASSWORD);
      }
    });

    it('refuses a revoked session token and an expired one', async () => {
      const { cloud, world } = ctx.live();
      const A = home(ctx, 'A');
      const revoked = ctx.live().login(A);
      cloud.sessions.revoke(cloud.sessions.validate(revoked)!);
      expect((await ctx.pool().refused({ username: A.email, password: revoked })).code).toBe(BAD_USER_NAME_OR_PASSWORD);

      const expiring = ctx.live().login(A);
      world.scheduler.advanceTo(cloud.sessions.validate(expiring)!.expiresAtMs);
      expect((await ctx.pool().refused({ username: A.email, password: expiring })).code).toBe(BAD_USER_NAME_OR_PASSWORD);
      // A token minted now still works: the refusal was about age, not the account.
      await connectOwner(ctx, 'A');
    });
  });

  describe('revocation reaches connected clients', () => {
    it('revokeSessions disconnects every client of the account, and its tokens stop working', async () => {
      const { cloud } = ctx.live();
      const C = home(ctx, 'C');
      const [tokenPhone, tokenTablet] = [ctx.live().login(C), ctx.live().login(C)];
      const phone = await ctx.pool().connect({ username: C.email, password: tokenPhone }, 'C phone');
      const tablet = await ctx.pool().connect({ username: C.email, password: tokenTablet }, 'C tablet');
      const bystander = await connectOwner(ctx, 'A');

      expect(cloud.revokeSessions(C.account, 'owner')).toBeGreaterThanOrEqual(2);
      await Promise.all([phone.waitClosed(), tablet.waitClosed()]);
      for (const token of [tokenPhone, tokenTablet]) {
        expect((await ctx.pool().refused({ username: C.email, password: token })).code).toBe(BAD_USER_NAME_OR_PASSWORD);
      }
      expect(bystander.connected).toBe(true);
      expect(await bystander.subscribe('homes/A/#')).toEqual([0]);
      await connectOwner(ctx, 'C'); // a fresh login is unaffected
    });

    it('changePassword disconnects the connected owner and voids its old token', async () => {
      const { cloud } = ctx.live();
      const C = home(ctx, 'C');
      const token = ctx.live().login(C);
      const app = await ctx.pool().connect({ username: C.email, password: token }, 'C app');
      expect(await app.subscribe('homes/C/#')).toEqual([0]);

      cloud.changePassword(C.account, 'a brand new passphrase', 'owner');
      try {
        await app.waitClosed();
        expect((await ctx.pool().refused({ username: C.email, password: token })).code).toBe(BAD_USER_NAME_OR_PASSWORD);
        const relogin = cloud.attemptLogin({ email: C.email, password: 'a brand new passphrase', ip: '127.0.0.1', clientFingerprint: 'it', actor: 'owner' });
        expect(relogin.outcome).toBe('ok');
        await ctx.pool().connect({ username: C.email, password: relogin.session!.token }, 'C app again');
      } finally {
        cloud.changePassword(C.account, C.password, 'test-restore');
      }
    });
  });
}
