import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HealthProbe } from './helpers/health.js';
import { refusals, startLiveWorld, type LiveWorld } from './helpers/live-world.js';
import { connack, connectPacket, publishPacket, RawClient, subscribePacket } from './helpers/raw-mqtt.js';
import { ClientPool } from './helpers/mqtt-clients.js';
import { TCP } from './helpers/transports.js';
import { until } from './helpers/wait.js';

/**
 * Raw TCP clients sending what no MQTT library would: each may lose its own connection,
 * none may crash the process or disturb a well-behaved client connected before or after.
 */
describe('hostile clients on the TCP listener', () => {
  let live: LiveWorld;
  let probe: HealthProbe;
  let baseline: number;
  const raws: RawClient[] = [];
  const connectionErrors: string[] = [];
  const clientErrors: Array<{ clientId: string; message: string }> = [];
  const DRAIN_TIMEOUT_MS = 500;
  const FORGED_TOPIC = 'homes/A/devices/db-A-1/events';

  const open = async () => {
    const raw = await RawClient.open(live.listeners.tcpPort);
    raws.push(raw);
    return raw;
  };
  /** A raw client that completed CONNECT as the owner of `homeId`, or as doorbell db-A-2. */
  const openAs = async (who: 'owner' | 'doorbell-2', homeId = 'A', clientId = `raw-${raws.length}`) => {
    const home = live.homes[homeId]!;
    const device = live.homes.A!.devices[1]!;
    const raw = await open();
    raw.write(who === 'owner' ? connectPacket({ clientId, username: home.email, password: live.login(home) }) : connectPacket({ clientId: device.deviceId, username: device.deviceId, password: device.credential }));
    expect(await raw.waitReceived(4, 'CONNACK')).toEqual(connack(0));
    return raw;
  };

  beforeAll(async () => {
    live = await startLiveWorld({ homeIds: ['A', 'B'], devicesPerHome: 2, broker: { drainTimeoutMs: DRAIN_TIMEOUT_MS } });
    live.broker.aedes.on('connectionError', (_client, error) => connectionErrors.push(error.message));
    live.broker.aedes.on('clientError', (client, error) => clientErrors.push({ clientId: client.id, message: error.message }));
    probe = await HealthProbe.start(live, () => TCP.url(live.listeners));
    baseline = live.listeners.connections;
  });
  afterEach(async () => {
    for (const raw of raws.splice(0)) raw.destroy();
    await until(() => live.listeners.connections === baseline, 'hostile connections to be gone');
  });
  afterAll(async () => {
    await probe?.close();
    await live?.close();
  });

  it.each([
    ['garbage bytes', Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef])],
    ['an HTTP request', Buffer.from('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')],
    ['a remaining length of five bytes (the maximum is four)', Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x7f])],
    ['a CONNECT with protocol level 9', connectPacket({ clientId: 'level-9', level: 9 })],
    ['a PUBLISH before CONNECT', publishPacket(FORGED_TOPIC, 'forged-before-connect')],
  ])('%s: that connection is closed, nothing else is disturbed', async (name, bytes) => {
    // Either aedes' parser or the listener's packet-size guard (a malformed length) drops it.
    const dropped = () => connectionErrors.length + Object.values(live.listeners.refusals).reduce((a, b) => a + b, 0);
    const droppedBefore = dropped();
    const raw = await open();
    raw.write(bytes);
    await raw.waitClosed();
    expect(raw.received.length, 'no CONNACK for a connection that never connected').toBe(0);
    expect(dropped(), 'handled as an error of that connection').toBeGreaterThan(droppedBefore);
    await probe.check(name);
    expect(probe.owner.payloads()).not.toContain('forged-before-connect');
  });

  it('a CONNECT with protocol level 5 gets CONNACK 0x01 (unacceptable protocol version), then close', async () => {
    const raw = await open();
    raw.write(connectPacket({ clientId: 'mqtt-5', username: 'u', password: 'p', level: 5 }));
    await raw.waitClosed();
    expect(raw.received).toEqual(connack(1));
    await probe.check('level 5');
  });

  it('a CONNECT fed one byte at a time still connects (streams are reassembled)', async () => {
    const A = live.homes.A!;
    const raw = await open();
    for (const byte of connectPacket({ clientId: 'slow', username: A.email, password: live.login(A) })) {
      raw.write(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await raw.waitReceived(4, 'CONNACK')).toEqual(connack(0));
  });

  it('clients that connect and hang (silent, half a CONNECT) hold only their own sockets; a 256 MB length header is dropped at once', async () => {
    const A = live.homes.A!;
    const half = connectPacket({ clientId: 'half', username: A.email, password: 'x' });
    const oversizeBefore = live.listeners.refusals['connect-too-large'];
    for (let i = 0; i < 20; i++) await open();
    for (let i = 0; i < 10; i++) (await open()).write(half.subarray(0, half.length >> 1));
    const hanging = [...raws];
    const announcers: RawClient[] = [];
    for (let i = 0; i < 10; i++) {
      const raw = await open();
      raw.write(Buffer.from([0x30, 0xff, 0xff, 0xff, 0x7f]));
      announcers.push(raw);
    }
    await Promise.all(announcers.map((raw) => raw.waitClosed('the guard to drop a 256 MB announcement')));
    expect(live.listeners.refusals['connect-too-large'] - oversizeBefore).toBe(10);
    await until(() => live.listeners.connections === baseline + 30, 'the broker to hold the 30 hanging sockets');
    await probe.check('hanging clients');
    expect(hanging.every((raw) => !raw.isClosed)).toBe(true);
  });

  it('a client that drops mid-PUBLISH: the half packet is never routed and its session ends', async () => {
    const connected = live.broker.aedes.connectedClients;
    const raw = await openAs('doorbell-2');
    expect(live.broker.aedes.connectedClients).toBe(connected + 1);
    const publish = publishPacket(live.homes.A!.topic('events', live.homes.A!.devices[1]), 'half-published');
    raw.write(publish.subarray(0, publish.length - 3));
    raw.socket.resetAndDestroy();
    await until(() => live.broker.aedes.connectedClients === connected, 'the broker to drop the session');
    await probe.check('dropped mid-packet');
    expect(probe.owner.payloads()).not.toContain('half-published');
  });

  it('a topic filter containing U+0000 is refused (MQTT-1.5.3-2), a topic containing it closes the connection', async () => {
    const raw = await openAs('owner');
    raw.write(subscribePacket(7, 'homes/A/\u0000/#'));
    expect((await raw.waitReceived(9, 'SUBACK')).subarray(4)).toEqual(Buffer.from([0x90, 0x03, 0x00, 0x07, 0x80]));
    raw.write(publishPacket('homes/A/devices/db-A-1\u0000/commands', 'nul-command'));
    await raw.waitClosed();
    expect(refusals(live, 'broker.subscribe-refused').at(-1)).toMatchObject({ filter: 'homes/A/\u0000/#' });
    expect(refusals(live, 'broker.publish-refused').at(-1)).toMatchObject({ topic: 'homes/A/devices/db-A-1\u0000/commands' });
    await probe.check('U+0000');
  });

  it.each([
    ['SUBSCRIBE', subscribePacket(9, `homes/A/${'x/'.repeat(197)}#`)],
    ['PUBLISH', publishPacket(`homes/A/${'x/'.repeat(197)}x`, 'deep')],
  ])('a %s with 200 topic levels closes that connection, the broker lives', async (name, bytes) => {
    const raw = await openAs('owner');
    raw.write(bytes);
    await raw.waitClosed();
    await probe.check(`200 levels ${name}`);
  });

  it('a subscriber that stops reading is dropped once its socket stays full (drainTimeout), before it can stall the broker', async () => {
    const B = live.homes.B!;
    const frozen = await openAs('owner', 'B', 'frozen-subscriber');
    frozen.write(subscribePacket(1, 'homes/B/#'));
    expect((await frozen.waitReceived(9, 'SUBACK')).subarray(4)).toEqual(Buffer.from([0x90, 0x03, 0x00, 0x01, 0x00]));
    frozen.socket.pause(); // reads nothing more: loopback buffers fill, then aedes' writes block

    const publisher = new ClientPool(() => TCP.url(live.listeners));
    try {
      const device = B.devices[0]!;
      const doorbell = await publisher.connect({ clientId: device.deviceId, username: device.deviceId, password: device.credential });
      const clip = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 400 && !clientErrors.some((e) => e.clientId === 'frozen-subscriber'); i++) {
        await doorbell.publishQos1(B.topic('media'), clip); // 25 MB at most, more than loopback buffers hold
      }
      await until(() => clientErrors.some((e) => e.clientId === 'frozen-subscriber'), 'the frozen subscriber to be dropped');
      expect(clientErrors.find((e) => e.clientId === 'frozen-subscriber')?.message).toBe('drain timeout');
      await probe.check('frozen subscriber');
    } finally {
      await publisher.closeAll();
    }
  });
});
