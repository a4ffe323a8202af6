import { describe, expect, it } from 'vitest';
import { refusals } from '../helpers/live-world.js';
import { connectDevice, connectOwner, connectWitness, home, type IsolationContext } from './context.js';

export function deviceIsolation(ctx: IsolationContext): void {
  describe('what a doorbell may do', () => {
    it('cannot publish into another device\'s topics: the message is routed to nobody', async () => {
      const live = ctx.live();
      const [A, B] = [home(ctx, 'A'), home(ctx, 'B')];
      const [deviceB1, deviceB2] = B.devices;
      const witness = await connectWitness(ctx);
      const ownerA = await connectOwner(ctx, 'A');
      const ownerB = await connectOwner(ctx, 'B');
      expect(await ownerA.subscribe('homes/A/#')).toEqual([0]);
      expect(await ownerB.subscribe('homes/B/#')).toEqual([0]);
      const forged = [
        A.topic('events'), // another home's doorbell
        `homes/A/devices/${deviceB1!.deviceId}/events`, // its own id under another home
        B.topic('status', deviceB2), // a sibling in its own home
        B.topic('commands', deviceB1), // its own commands channel: commands flow to it, not from it
        'cloud/recordings/new',
      ];
      const before = refusals(live, 'broker.publish-refused').length;
      for (const [i, topic] of forged.entries()) {
        const attacker = await connectDevice(ctx, 'B', 1);
        attacker.publish(topic, `forged-${i}`);
        await attacker.waitClosed(); // refused: aedes drops the connection (3.1.1 has no NACK)
      }

      const doorbellA = await connectDevice(ctx, 'A');
      doorbellA.publish(A.topic('events'), 'sentinel-A');
      const honestB = await connectDevice(ctx, 'B', 1);
      honestB.publish(B.topic('events'), 'sentinel-B');
      await Promise.all([witness.waitFor(A.topic('events'), 'sentinel-A'), witness.waitFor(B.topic('events'), 'sentinel-B')]);
      await ownerA.waitFor(A.topic('events'), 'sentinel-A');
      await ownerB.waitFor(B.topic('events'), 'sentinel-B');

      for (const observer of [witness, ownerA, ownerB]) {
        expect(observer.payloads().filter((p) => p.startsWith('forged')), observer.name).toEqual([]);
      }
      const logged = refusals(live, 'broker.publish-refused').slice(before);
      expect(logged.map((e) => e.topic)).toEqual(forged);
      expect(new Set(logged.map((e) => e.principal))).toEqual(new Set([`device:${deviceB1!.deviceId}`]));
    });

    it('may subscribe only to its own commands', async () => {
      const B = home(ctx, 'B');
      const [own, sibling] = B.devices;
      const doorbell = await connectDevice(ctx, 'B', 1);
      const refused = [
        '#',
        'homes/A/#',
        'homes/B/#',
        `homes/B/devices/${own!.deviceId}/#`,
        B.topic('events', own),
        B.topic('commands', sibling),
        'homes/B/devices/+/commands',
        home(ctx, 'A').topic('commands'),
        '$SYS/#',
      ];
      for (const filter of refused) expect(await doorbell.subscribe(filter), filter).toEqual([0x80]);
      expect(await doorbell.subscribe(B.topic('commands', own))).toEqual([0]);
    });

    it('cannot smuggle a message into another home through its last will', async () => {
      const [A, B] = [home(ctx, 'A'), home(ctx, 'B')];
      const device = B.devices[0]!;
      const witness = await connectWitness(ctx);
      const forger = await ctx.pool().connect(
        { clientId: device.deviceId, username: device.deviceId, password: device.credential, will: { topic: A.topic('status'), payload: 'forged-will' } },
        'forger',
      );
      forger.client.stream.destroy(); // dies without DISCONNECT: aedes publishes the will, if allowed
      await forger.waitClosed();
      const honest = await ctx.pool().connect(
        { clientId: device.deviceId, username: device.deviceId, password: device.credential, will: { topic: B.topic('status'), payload: 'offline' } },
        'honest',
      );
      honest.client.stream.destroy();
      // Wills go out in the order the connections died: the honest will is the sentinel.
      await witness.waitFor(B.topic('status'), 'offline');
      expect(witness.payloads()).not.toContain('forged-will');
    });
  });
}
