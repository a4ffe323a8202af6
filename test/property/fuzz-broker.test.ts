import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Link } from '../../simulator/broker/link.js';
import { memoryPair } from '../../simulator/broker/memory-transport.js';
import { deviceTopic } from '../../simulator/broker/topics.js';
import { createStack, login, signUp, type SimStack } from './support/cloud-world.js';
import { propTimeout, runs } from './support/fc-config.js';
import { fuzzStreamArb, type FuzzLogin } from './support/mqtt-fuzz.js';
import { assertAsyncProperty } from './support/regressions.js';

/**
 * Malformed MQTT byte streams written straight into `broker.handle()`: the broker must not
 * throw, crash or leave an unhandled rejection, and a device and an owner that were connected
 * before must still publish and receive afterwards.
 */
describe('broker fuzzing', () => {
  let stack: SimStack;
  let device: Link;
  let owner: Link;
  let fuzzLogin: FuzzLogin;
  const inbox = { owner: [] as string[], device: [] as string[] };
  const processErrors: unknown[] = [];
  const record = (error: unknown) => processErrors.push(error);
  const events = deviceTopic('h1', 'h1-d1', 'events');
  const commands = deviceTopic('h1', 'h1-d1', 'commands');

  beforeAll(async () => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    stack = await createStack(11);
    const { cloud, broker } = stack;
    const credential = cloud.devices.register({ deviceId: 'h1-d1', homeId: 'h1', kind: 'doorbell', firmware: '1.0.0' }).credential;
    device = await broker.link({ clientId: 'h1-d1', username: 'h1-d1', password: credential }, 'mqtt');
    signUp(cloud, 'owner-h1', 'owner@h1.test', 'pw', ['h1']);
    owner = await broker.link({ clientId: 'app-h1', username: 'owner@h1.test', password: login(cloud, 'owner@h1.test', 'pw')! }, 'mqtt');
    device.onMessage((_t, payload) => inbox.device.push(payload));
    owner.onMessage((_t, payload) => inbox.owner.push(payload));
    expect(await device.subscribe(commands)).toBe(true);
    expect(await owner.subscribe('homes/h1/#')).toBe(true);
    const fuzzer = cloud.devices.register({ deviceId: 'hF-fuzz', homeId: 'hF', kind: 'doorbell', firmware: '0.0.0' });
    fuzzLogin = { clientId: 'hF-fuzz', username: 'hF-fuzz', password: fuzzer.credential, topics: ['events', 'status', 'commands'].map((c) => `homes/hF/devices/hF-fuzz/${c}`) };
  });
  afterAll(async () => {
    await stack?.world.close();
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });

  test('INV-FUZZ-1: malformed byte streams never crash the broker, and connected links keep publishing and receiving', async () => {
    let run = 0;
    await assertAsyncProperty(
      'INV-FUZZ-1',
      fc.asyncProperty(fuzzStreamArb(fuzzLogin), async ({ chunks, ending }) => {
        const { world, broker } = stack;
        const [attacker, brokerSide] = memoryPair(broker.meter);
        attacker.on('error', () => {}); // writing after the broker hung up is expected
        expect(() => broker.handle(brokerSide)).not.toThrow();
        for (const chunk of chunks) {
          if (attacker.destroyed || attacker.writableEnded) break;
          attacker.write(chunk);
          await world.settle();
        }
        if (ending === 'end') attacker.end();
        if (ending === 'destroy') attacker.destroy();
        await world.settle();

        const tag = `fuzz-run-${++run}`;
        expect(device.connected && owner.connected, 'a well-behaved link was dropped').toBe(true);
        expect(device.publish(events, tag)).toBe(true);
        expect(owner.publish(commands, tag)).toBe(true);
        await world.settle();
        expect(inbox.owner).toContain(tag);
        expect(inbox.device).toContain(tag);
        attacker.destroy();
        await world.settle();
        expect(processErrors).toEqual([]);
      }),
      { numRuns: runs(150) },
    );
  }, propTimeout());
});
