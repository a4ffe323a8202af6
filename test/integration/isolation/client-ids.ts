import { describe, expect, it } from 'vitest';
import { refusals } from '../helpers/live-world.js';
import { connectDevice, connectOwner, home, type IsolationContext } from './context.js';

/** CONNACK 0x02 identifier rejected, 0x04 bad user name or password (MQTT 3.1.1 §3.2.2.3). */
const IDENTIFIER_REJECTED = 2;
const BAD_USER_NAME_OR_PASSWORD = 4;

export function clientIdIsolation(ctx: IsolationContext): void {
  describe('client ids', () => {
    it('nobody knocks a doorbell offline by reusing its client id', async () => {
      const live = ctx.live();
      const [A, B] = [home(ctx, 'A'), home(ctx, 'B')];
      const doorbellId = A.devices[0]!.deviceId;
      const doorbell = await connectDevice(ctx, 'A');
      const ownerA = await connectOwner(ctx, 'A');
      expect(await ownerA.subscribe(A.topic('events'))).toEqual([0]);
      const before = refusals(live, 'broker.connect-refused').length;

      const takeovers = [
        { as: { username: B.email, password: live.login(B) }, code: IDENTIFIER_REJECTED },
        { as: { username: A.email, password: live.login(A) }, code: IDENTIFIER_REJECTED }, // even its owner
        { as: { username: B.devices[0]!.deviceId, password: B.devices[0]!.credential }, code: IDENTIFIER_REJECTED },
        { as: { username: A.devices[1]!.deviceId, password: A.devices[1]!.credential }, code: IDENTIFIER_REJECTED }, // its sibling
        { as: { username: doorbellId, password: 'guessed' }, code: BAD_USER_NAME_OR_PASSWORD },
        { as: {}, code: BAD_USER_NAME_OR_PASSWORD },
      ];
      for (const [i, takeover] of takeovers.entries()) {
        expect((await ctx.pool().refused({ clientId: doorbellId, ...takeover.as })).code, `takeover ${i}`).toBe(takeover.code);
        // Still connected and still delivering after every attempt.
        doorbell.publish(A.topic('events'), `ding-${i}`);
        await ownerA.waitFor(A.topic('events'), `ding-${i}`);
      }
      expect(doorbell.connected).toBe(true);

      const logged = refusals(live, 'broker.connect-refused').slice(before);
      expect(logged.map((e) => e.clientId)).toEqual(takeovers.map(() => doorbellId));
      expect(logged.filter((e) => e.reason === 'client id belongs to a device')).toHaveLength(4);
    });

    it("an app's client id cannot be taken over by another account while it is connected", async () => {
      const A = home(ctx, 'A');
      const appA = await connectOwner(ctx, 'A', 'app-of-A');
      expect(await appA.subscribe('homes/A/#')).toEqual([0]);
      const B = home(ctx, 'B');
      const refusal = await ctx.pool().refused({ clientId: 'app-of-A', username: B.email, password: ctx.live().login(B) });
      expect(refusal.code).toBe(IDENTIFIER_REJECTED);

      const doorbell = await connectDevice(ctx, 'A');
      doorbell.publish(A.topic('events'), 'still-yours');
      await appA.waitFor(A.topic('events'), 'still-yours');
      expect(appA.connected).toBe(true);
    });

    it("reusing a disconnected owner's persistent session id gives nothing of that session", async () => {
      const live = ctx.live();
      const [A, B] = [home(ctx, 'A'), home(ctx, 'B')];
      const id = 'tablet-of-A';
      const persistentA = () => ctx.pool().connect({ clientId: id, clean: false, username: A.email, password: live.login(A) }, 'A tablet');
      const tablet = await persistentA();
      expect(await tablet.subscribe('homes/A/#', 1)).toEqual([1]);
      await tablet.end();
      const doorbellA = await connectDevice(ctx, 'A');

      // Control: the session really queues QoS 1 messages for its owner while away.
      await doorbellA.publishQos1(A.topic('events'), 'queued-1');
      const back = await persistentA();
      await back.waitFor(A.topic('events'), 'queued-1');
      await back.end();

      await doorbellA.publishQos1(A.topic('events'), 'queued-2');
      const before = refusals(live, 'broker.subscribe-refused').length;
      const thief = await ctx.pool().connect({ clientId: id, clean: false, username: B.email, password: live.login(B) }, 'thief');
      expect(await thief.subscribe('homes/B/#')).toEqual([0]);
      // Home A's traffic goes on; an owner of A sees it routed before B's sentinel.
      const ownerA = await connectOwner(ctx, 'A');
      expect(await ownerA.subscribe('homes/A/#')).toEqual([0]);
      doorbellA.publish(A.topic('events'), 'live-A');
      await ownerA.waitFor(A.topic('events'), 'live-A');
      const doorbellB = await connectDevice(ctx, 'B');
      doorbellB.publish(B.topic('events'), 'sentinel-B');
      await thief.waitFor(B.topic('events'), 'sentinel-B');

      expect(thief.received.filter((m) => !m.topic.startsWith('homes/B/'))).toEqual([]);
      // The stored subscription was re-checked for the new principal and refused.
      expect(refusals(live, 'broker.subscribe-refused').slice(before)).toMatchObject([{ principal: 'account:acct-B', filter: 'homes/A/#' }]);
    });
  });
}
