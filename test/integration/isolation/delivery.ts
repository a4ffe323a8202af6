import { describe, expect, it } from 'vitest';
import { refusals } from '../helpers/live-world.js';
import { connectDevice, connectOwner, home, type IsolationContext } from './context.js';
import { ALLOWED_FOR_A, FORBIDDEN_FOR_A } from './subscriptions.js';

export function deliveryIsolation(ctx: IsolationContext): void {
  describe('what an owner receives', () => {
    it('never gets a message of home B under any filter it was granted, nor any it asked for', async () => {
      const [A, B] = [home(ctx, 'A'), home(ctx, 'B')];
      const ownerA = await connectOwner(ctx, 'A');
      for (const filter of ALLOWED_FOR_A) expect(await ownerA.subscribe(filter), filter).toEqual([0]);
      // Asked anyway (subscriptions.ts checks the answers): had any been granted, B's
      // messages would have to be stopped on the way out (authorizeForward).
      for (const filter of FORBIDDEN_FOR_A) await ownerA.subscribe(filter);
      const ownerB = await connectOwner(ctx, 'B');
      expect(await ownerB.subscribe('homes/B/#')).toEqual([0]);
      const [doorbellA, doorbellB1, doorbellB2] = [await connectDevice(ctx, 'A'), await connectDevice(ctx, 'B', 1), await connectDevice(ctx, 'B', 2)];

      const fromB: Array<[string, string]> = [];
      for (const channel of ['events', 'status', 'media'] as const) {
        fromB.push([B.topic(channel, B.devices[0]), `B1-${channel}`], [B.topic(channel, B.devices[1]), `B2-${channel}`]);
      }
      for (const [topic, payload] of fromB) (payload.startsWith('B1') ? doorbellB1 : doorbellB2).publish(topic, payload);
      doorbellA.publish(A.topic('events'), 'A-ding');
      // B's owner got all of B's messages: the broker routed them, before the sentinel below.
      for (const [topic, payload] of fromB) await ownerB.waitFor(topic, payload);
      await ownerA.waitFor(A.topic('events'), 'A-ding');

      // Sentinel: published after B's messages were routed, so anything routed to owner A
      // before it is already in owner A's stream once it arrives.
      doorbellA.publish(A.topic('status'), 'A-sentinel');
      await ownerA.waitFor(A.topic('status'), 'A-sentinel');

      expect(ownerA.received.length).toBeGreaterThan(0);
      expect(ownerA.received.filter((m) => !m.topic.startsWith('homes/A/'))).toEqual([]);
      expect(ownerA.payloads().filter((p) => p.startsWith('B'))).toEqual([]);
    });

    it('cannot command a doorbell of home B, and a forged command never reaches it', async () => {
      const live = ctx.live();
      const B = home(ctx, 'B');
      const doorbellB = await connectDevice(ctx, 'B');
      expect(await doorbellB.subscribe(B.topic('commands'))).toEqual([0]);
      const ownerB = await connectOwner(ctx, 'B');
      const before = refusals(live, 'broker.publish-refused').length;

      const ownerA = await connectOwner(ctx, 'A');
      ownerA.publish(B.topic('commands'), 'A-opens-live-view');
      // MQTT 3.1.1 cannot NACK a QoS 0 PUBLISH: aedes closes the connection instead.
      await ownerA.waitClosed();
      // Its own home, another home's device id: allowed by the ACL, delivered to nobody in B.
      const ownerA2 = await connectOwner(ctx, 'A');
      expect(await ownerA2.subscribe('homes/A/devices/+/commands')).toEqual([0]);
      const aliased = `homes/A/devices/${B.devices[0]!.deviceId}/commands`;
      ownerA2.publish(aliased, 'A-aliased-command');
      await ownerA2.waitFor(aliased, 'A-aliased-command'); // routed, before B's command below

      ownerB.publish(B.topic('commands'), 'B-live-view');
      await doorbellB.waitFor(B.topic('commands'), 'B-live-view');
      expect(doorbellB.payloads()).toEqual(['B-live-view']);

      const logged = refusals(live, 'broker.publish-refused').slice(before);
      expect(logged).toMatchObject([{ principal: 'account:acct-A', topic: B.topic('commands') }]);
    });
  });
}
