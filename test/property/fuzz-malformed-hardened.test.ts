import fc from 'fast-check';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Link } from '../../simulator/broker/link.js';
import { memoryPair } from '../../simulator/broker/memory-transport.js';
import { deviceTopic } from '../../simulator/broker/topics.js';
import { installDefenses } from '../../simulator/defenses/index.js';
import { createStack, login, signUp, type SimStack } from './support/cloud-world.js';
import { settings } from './support/fc-config.js';
import { mutate, mutation, packetArb, type FuzzLogin } from './support/mqtt-fuzz.js';

/**
 * Issue 17: 100,000 generated malformed MQTT packets (real packets from mqtt-packet, each
 * bit-flipped, cut, spliced or overwritten at least once) against aedes with the broker layer
 * at `mqtt-hardened`. Five packets per connection (aedes closes a client at its first bad
 * packet, so short streams reach more of the parser), three in four after a valid CONNECT.
 * The broker stays up, an honest subscriber receives every message published between
 * batches, no error escapes, and the heap does not grow with the number of packets. The seed
 * is printed; FC_SEED replays it.
 */
const PACKETS = 100_000;
const PER_CONNECTION = 5;
const CONNECTIONS_PER_BATCH = 200;
/** Retained-message store, sessions and log of 20,000 refused connections: generous against a leak of even 1 KiB per connection. */
/** A full collection before each heap sample, so the samples measure what is kept, not garbage not yet collected. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const HEAP_GROWTH_LIMIT_BYTES = 48 * 1024 * 1024;

describe('100,000 malformed packets against aedes at mqtt-hardened', () => {
  let stack: SimStack;
  let owner: Link;
  let device: Link;
  let fuzzLogin: FuzzLogin;
  const received: string[] = [];
  const processErrors: unknown[] = [];
  const record = (error: unknown) => processErrors.push(error);
  const events = deviceTopic('h1', 'h1-d1', 'events');

  beforeAll(async () => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    stack = await createStack(17);
    const { cloud, broker, world } = stack;
    installDefenses(cloud, world, 'mqtt-hardened', { broker });
    const credential = cloud.devices.register({ deviceId: 'h1-d1', homeId: 'h1', kind: 'doorbell', firmware: '1.0.0' }).credential;
    device = await broker.link({ clientId: 'h1-d1', username: 'h1-d1', password: credential }, 'mqtt');
    signUp(cloud, 'owner-h1', 'owner@h1.test', 'pw', ['h1']);
    owner = await broker.link({ clientId: 'app-h1', username: 'owner@h1.test', password: login(cloud, 'owner@h1.test', 'pw')! }, 'mqtt');
    owner.onMessage((_t, payload) => received.push(payload));
    expect(await owner.subscribe('homes/h1/#')).toBe(true);
    const fuzzer = cloud.devices.register({ deviceId: 'hF-fuzz', homeId: 'hF', kind: 'doorbell', firmware: '0.0.0' });
    fuzzLogin = { clientId: 'hF-fuzz', username: 'hF-fuzz', password: fuzzer.credential, topics: ['events', 'status', 'commands', 'media'].map((c) => `homes/hF/devices/hF-fuzz/${c}`) };
  });
  afterAll(async () => {
    await stack?.world.close();
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });

  test('the broker stays up, the honest subscriber keeps receiving, heap growth bounded', async () => {
    const seed = settings.seed ?? Date.now() ^ (Math.random() * 0x7fffffff);
    console.log(`malformed-packet fuzz: seed ${seed} (replay with FC_SEED=${seed})`);
    const malformed = fc.tuple(packetArb(fuzzLogin, 1), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([p, ms]) => ms.reduce(mutate, p));
    const connection = fc.record({ authenticated: fc.nat(3).map((n) => n > 0), packets: fc.array(malformed, { minLength: PER_CONNECTION, maxLength: PER_CONNECTION }) });
    const connectBytes = Buffer.from(
      // A CONNECT the broker accepts (the fuzzer's own device credential), so what follows reaches the authorised code.
      (await import('mqtt-packet')).generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 0, clientId: 'hF-fuzz-fz', username: fuzzLogin.username, password: Buffer.from(fuzzLogin.password) }, { protocolVersion: 4 }),
    );
    const { world, broker } = stack;
    const batches = PACKETS / PER_CONNECTION / CONNECTIONS_PER_BATCH;
    let sent = 0;
    let sentBytes = 0;
    const bytesBefore = broker.meter.bytes;
    const refusalsBefore = world.log.size;
    // Heap after every batch, after a full collection; the minima of the first and last ten
    // batches are compared: a leak raises the floor, garbage does not.
    const heap: number[] = [];
    for (let batch = 0; batch < batches; batch++) {
      const streams = fc.sample(connection, { seed: seed + batch, numRuns: CONNECTIONS_PER_BATCH });
      for (const { authenticated, packets } of streams) {
        const [attacker, brokerSide] = memoryPair(broker.meter);
        attacker.on('error', () => {});
        broker.handle(brokerSide);
        if (authenticated) attacker.write(connectBytes);
        for (const packet of packets) {
          attacker.write(packet);
          sentBytes += packet.length;
        }
        sent += packets.length;
        // end(), not destroy(): the packets are delivered first, then the half-close.
        attacker.end();
      }
      await world.settle();
      const tag = `honest-${batch}`;
      expect(device.connected && owner.connected, `an honest link was dropped in batch ${batch}`).toBe(true);
      device.publish(events, tag);
      await world.settle();
      expect(received.at(-1), `the subscriber missed ${tag}`).toBe(tag);
      collectGarbage();
      heap.push(process.memoryUsage().heapUsed);
    }
    expect(sent).toBe(PACKETS);
    // Every byte crossed into the broker's end (the meter counts writes on both ends), and the broker answered some.
    expect(broker.meter.bytes - bytesBefore).toBeGreaterThanOrEqual(sentBytes);
    console.log(`malformed-packet fuzz: ${sentBytes} bytes written, ${world.log.size - refusalsBefore} events logged by the broker`);
    expect(processErrors).toEqual([]);
    const growth = Math.min(...heap.slice(-10)) - Math.min(...heap.slice(0, 10));
    console.log(`heap floors MiB: ${[0, 25, 50, 75, 90].map((i) => (Math.min(...heap.slice(i, i + 10)) / 1048576).toFixed(0)).join(" ")}`);
    console.log(`malformed-packet fuzz: ${sent} packets, ${batches} batches, heap floor grew ${(growth / 1024 / 1024).toFixed(1)} MiB (first vs last ten batches); RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
    expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT_BYTES);
    expect(broker.connectedClients()).toBeLessThanOrEqual(3);
  }, 300_000);
});
