import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MqttClient } from 'mqtt';
import { Doorbell } from '../../devices/doorbell.js';
import type { Link } from '../../simulator/broker/link.js';
import { RecordingIngest } from '../../simulator/cloud/ingest.js';
import { startLiveWorld, type LiveWorld } from '../integration/helpers/live-world.js';
import { ClientPool, type TestClient } from '../integration/helpers/mqtt-clients.js';
import { TCP, WS, type Transport } from '../integration/helpers/transports.js';
import { STEP_MS, until, withTimeout } from '../integration/helpers/wait.js';
import { propTimeout, runs } from './support/fc-config.js';
import { DEEP_COMMAND_VALUE, hostileValueArb, shapeArb, wrapPayload } from './support/hostile-payloads.js';
import { assertAsyncProperty } from './support/regressions.js';

/**
 * INV-FUZZ-2: hostile payloads from real mqtt.js clients over the live TCP and WebSocket
 * listeners (and an in-process direct link), through every hook that reads client data —
 * the broker's publish authorisation and command attestation (commands and wills), a real
 * Doorbell's command parser, the cloud's recording ingest. The process never throws, no
 * prototype is polluted, and honest clients keep publishing and receiving after every case.
 */
describe('hostile payloads on the live broker', () => {
  let live: LiveWorld;
  const pools = { tcp: undefined as unknown as ClientPool, ws: undefined as unknown as ClientPool };
  let honestOwner: TestClient;
  let honestSessionId: string;
  let honestDevice: TestClient;
  let doorbell: Doorbell;
  let ingest: RecordingIngest;
  let ingestLink: Link;
  const processErrors: unknown[] = [];
  const record = (error: unknown) => processErrors.push(error);
  let round = 0;

  beforeAll(async () => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    // db-A-1: an honest device over TCP; db-A-2: the hostile device; db-A-3: a real Doorbell.
    live = await startLiveWorld({ homeIds: ['A'], devicesPerHome: 3 });
    pools.tcp = new ClientPool(() => TCP.url(live.listeners));
    pools.ws = new ClientPool(() => WS.url(live.listeners));
    const A = live.homes.A!;
    const [d1, , d3] = A.devices;
    honestDevice = await pools.tcp.connect({ clientId: d1!.deviceId, username: d1!.deviceId, password: d1!.credential }, 'honest device');
    expect(await honestDevice.subscribe(A.topic('commands', d1))).toEqual([0]);
    const token = live.login(A);
    honestSessionId = live.cloud.sessions.validate(token)!.id;
    honestOwner = await pools.ws.connect({ username: A.email, password: token }, 'honest owner');
    expect(await honestOwner.subscribe('homes/A/#')).toEqual([0]);
    const { broker } = live;
    doorbell = await Doorbell.connect(live.world, d3!, (will) => broker.link({ clientId: d3!.deviceId, username: d3!.deviceId, password: d3!.credential, will }, 'mqtt'));
    ingestLink = await broker.link({ clientId: 'cloud-ingest', ...broker.serviceCredentials('ingest') }, 'mqtt');
    ingest = await RecordingIngest.start(live.cloud, ingestLink);
  });
  afterAll(async () => {
    await doorbell?.stop();
    await ingest?.stop();
    await pools.tcp?.closeAll();
    await pools.ws?.closeAll();
    await live?.close();
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });

  /** Resolves once the broker acknowledged a QoS 1 publish or dropped the connection. */
  const publishedOrDropped = (client: MqttClient, topic: string, payload: Buffer) =>
    withTimeout(
      Promise.race([
        client.publishAsync(topic, payload, { qos: 1 }).then(
          () => 'acked',
          () => 'failed',
        ),
        new Promise((resolve) => (client.connected ? client.once('close', () => resolve('closed')) : resolve('closed'))),
      ]),
      STEP_MS,
      'PUBACK or a disconnect',
    );

  /** A client that may be refused at CONNECT (an oversize will): undefined then. */
  const tryConnect = async (pool: ClientPool, as: Parameters<ClientPool['connect']>[0]) => {
    try {
      return await pool.connect(as, 'hostile');
    } catch {
      return undefined;
    }
  };

  type Route = 'command' | 'will' | 'media';
  const caseArb = fc.record({
    value: hostileValueArb,
    shape: shapeArb,
    slot: fc.nat(3),
    route: fc.constantFrom<Route>('command', 'will', 'media'),
    via: fc.constantFrom<'tcp' | 'ws' | 'direct'>('tcp', 'ws', 'direct'),
    target: fc.constantFrom(0, 2),
  });

  type HostileCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

  async function sendHostile(c: HostileCase): Promise<void> {
    const A = live.homes.A!;
    const payload = wrapPayload(c.value, c.route === 'media' ? 'recording' : c.shape, c.slot);
    const commands = A.topic('commands', A.devices[c.target]);
    const hostileDevice = A.devices[1]!;
    if (c.via === 'direct') {
      // In-process links carry strings: invalid UTF-8 arrives as U+FFFD, as over MQTT.
      const who = c.route === 'media' ? { clientId: hostileDevice.deviceId, username: hostileDevice.deviceId, password: hostileDevice.credential } : { clientId: live.broker.nextClientId('fuzz'), username: A.email, password: live.login(A) };
      const topic = c.route === 'media' ? A.topic('media', hostileDevice) : commands;
      const will = c.route === 'will' ? { topic, payload: payload.toString(), retain: false } : undefined;
      const link = await live.broker.link({ ...who, will }, 'direct');
      if (c.route === 'will') await (link as unknown as { drop(): Promise<void> }).drop();
      else {
        expect(() => link.publish(topic, payload.toString())).not.toThrow();
        await link.close();
      }
      return;
    }
    const transport: Transport = c.via === 'tcp' ? TCP : WS;
    const pool = pools[transport.name];
    if (c.route === 'media') {
      const device = await tryConnect(pool, { clientId: hostileDevice.deviceId, username: hostileDevice.deviceId, password: hostileDevice.credential });
      if (device) await publishedOrDropped(device.client, A.topic('media', hostileDevice), payload);
      await device?.end();
      return;
    }
    const as = { username: A.email, password: live.login(A) };
    if (c.route === 'command') {
      const owner = await tryConnect(pool, as);
      if (owner) await publishedOrDropped(owner.client, commands, payload);
      await owner?.end();
      return;
    }
    const clientsBefore = live.broker.aedes.connectedClients;
    // The pool copies the will with Buffer.from(), which keeps a Buffer's exact bytes.
    const owner = await tryConnect(pool, { ...as, will: { topic: commands, payload: payload as unknown as string } });
    if (!owner) return; // a will past the 64 KiB CONNECT limit: dropped at the door
    owner.client.stream.destroy(); // vanish without DISCONNECT: the broker handles the will
    await until(() => live.broker.aedes.connectedClients === clientsBefore, 'the vanished owner to be gone');
  }

  /** Every honest path still works: owner → doorbells (TCP client and the real Doorbell), device → ingest. */
  async function honestRound(): Promise<void> {
    const A = live.homes.A!;
    const tag = `honest-${++round}`;
    const [d1, , d3] = A.devices;
    const obeyedHonest = () => live.world.log.ofType('device.command').filter((e) => e.deviceId === d3!.deviceId && e.sessionId === honestSessionId).length;
    const obeyed = obeyedHonest();
    await honestOwner.publishQos1(A.topic('commands', d1), JSON.stringify({ cmd: 'talk', message: tag }));
    await honestOwner.publishQos1(A.topic('commands', d3), JSON.stringify({ cmd: 'talk', message: tag }));
    await until(() => honestDevice.received.some((m) => m.payload.includes(`"message":"${tag}"`)), `the honest device to receive ${tag}`);
    await until(() => obeyedHonest() === obeyed + 1, `the Doorbell to obey ${tag}`);
    const stored = ingest.stored;
    await honestDevice.publishQos1(A.topic('media', d1), JSON.stringify({ type: 'recording', clipId: `${tag}-clip`, durationS: 20, capturedAtMs: 0 }));
    await until(() => ingest.stored === stored + 1, `the ingest to store ${tag}-clip`);
    await honestOwner.waitFor(A.topic('media', d1), JSON.stringify({ type: 'recording', clipId: `${tag}-clip`, durationS: 20, capturedAtMs: 0 }));
    expect(honestOwner.connected && honestDevice.connected && doorbell.link.connected && ingestLink.connected).toBe(true);
  }

  test('INV-FUZZ-2: hostile commands, wills and media over TCP, WebSocket and direct links never crash the broker; honest clients keep working', async () => {
    await assertAsyncProperty(
      'INV-FUZZ-2',
      fc.asyncProperty(caseArb, async (c) => {
        await sendHostile(c);
        await honestRound();
        expect(({} as Record<string, unknown>).polluted, 'Object.prototype polluted').toBeUndefined();
        expect(processErrors).toEqual([]);
        // The hooks catch what they did not foresee and refuse with this reason: it must never appear.
        const internal = live.world.log.ofType('broker.publish-refused').filter((e) => e.reason.startsWith('publish check failed'));
        expect(internal, 'a publish hook threw').toEqual([]);
      }),
      {
        numRuns: runs(60),
        // The reported crash, on every path, before the random cases.
        examples: (['tcp', 'ws', 'direct'] as const).flatMap((via) =>
          (['command', 'will'] as const).map((route) => [{ value: DEEP_COMMAND_VALUE, shape: 'command' as const, slot: 0, route, via, target: 2 }] as [HostileCase]),
        ),
      },
    );
  }, propTimeout());
});
