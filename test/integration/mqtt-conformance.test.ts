import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type IPublishPacket, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../simulator/core/duration.js';
import { refusals, startLiveWorld, type LiveWorld, type TestHome } from './helpers/live-world.js';
import { mqttString, packet, RawClient, connack } from './helpers/raw-mqtt.js';
import { STEP_MS, until, withTimeout } from './helpers/wait.js';

/**
 * MQTT 3.1.1 conformance of the live broker where aedes 1.2 deviates (issue 12, item 8; see
 * docs/mqtt-conformance.md): the QoS each copy of a message is delivered at, and the
 * zero-length client id without a clean session. Real clients against real TCP listeners:
 * Debian's mosquitto_sub / mosquitto_pub and mqtt.js, whose `packet.qos` is what was on the wire.
 */

type QoS = 0 | 1 | 2;

interface Copy {
  topic: string;
  payload: string;
  qos: number;
}

/** A live world's owner or device, as mosquitto tool flags. */
interface ToolCredentials {
  clientId: string;
  username: string;
  password: string;
}

let live: LiveWorld;
let A: TestHome;
const clients: MqttClient[] = [];
const tools: ChildProcess[] = [];
let idCounter = 0;

const port = () => live.listeners.tcpPort;
const ownerCredentials = (): ToolCredentials => ({ clientId: `conformance-${++idCounter}`, username: A.email, password: live.login(A) });
const deviceCredentials = (index = 0): ToolCredentials => {
  const device = A.devices[index]!;
  return { clientId: device.deviceId, username: device.deviceId, password: device.credential };
};
const toolFlags = (c: ToolCredentials) => ['-h', '127.0.0.1', '-p', String(port()), '-V', 'mqttv311', '-i', c.clientId, '-u', c.username, '-P', c.password];

/** mosquitto_pub as a doorbell of home A; resolves once it exits 0 (after PUBACK / PUBCOMP). */
async function mosquittoPub(topic: string, payload: string, qos: QoS, options: { retain?: boolean; device?: number } = {}): Promise<void> {
  const args = [...toolFlags(deviceCredentials(options.device)), '-q', String(qos), '-t', topic, '-m', payload];
  if (options.retain) args.push('-r');
  const child = spawn('mosquitto_pub', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  tools.push(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await withTimeout(
    new Promise<number | null>((resolve, reject) => (child.once('error', reject), child.once('exit', resolve))),
    STEP_MS,
    `mosquitto_pub ${topic}`,
  );
  if (code !== 0) throw new Error(`mosquitto_pub exited with ${code}: ${stderr}`);
}

/**
 * mosquitto_sub as home A's owner, every filter at `qos`; resolves once the broker has sent
 * SUBACK. `copies` holds what it printed: one line per PUBLISH, with that PUBLISH's QoS.
 */
async function mosquittoSub(filters: string[], qos: QoS): Promise<{ copies: Copy[] }> {
  const args = [...toolFlags(ownerCredentials()), '-q', String(qos), '-d', '-F', 'MSG %q %t %p'];
  for (const filter of filters) args.push('-t', filter);
  // stdbuf: mosquitto_sub's stdout is a pipe here, which libc would buffer until exit.
  const child = spawn('stdbuf', ['-oL', 'mosquitto_sub', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  tools.push(child);
  const copies: Copy[] = [];
  let output = '';
  let pending = '';
  let subacks = 0;
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    output += d;
    pending += d;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (/received SUBACK/.test(line)) subacks++;
      const m = /^MSG (\d) (\S+) (.*)$/.exec(line);
      if (m) copies.push({ qos: Number(m[1]), topic: m[2]!, payload: m[3]! });
    }
  });
  // mosquitto_sub sends one SUBSCRIBE for all its -t filters.
  await until(() => subacks >= 1 || child.exitCode !== null, 'mosquitto_sub to be subscribed');
  if (subacks < 1) throw new Error(`mosquitto_sub exited with ${child.exitCode}: ${output}`);
  return { copies };
}

/** An mqtt.js 3.1.1 client that records every PUBLISH it receives with the QoS it came at. */
async function mqttJs(options: { clientId?: string; clean?: boolean; username?: string; password?: string } = {}): Promise<{ client: MqttClient; copies: Copy[] }> {
  const client = connect(`mqtt://127.0.0.1:${port()}`, {
    protocolVersion: 4,
    reconnectPeriod: 0,
    keepalive: 0,
    connectTimeout: STEP_MS,
    clientId: options.clientId ?? `conformance-${++idCounter}`,
    clean: options.clean ?? true,
    username: options.username ?? A.email,
    password: options.password ?? live.login(A),
  });
  clients.push(client);
  const copies: Copy[] = [];
  // Attached before CONNACK: a resumed session's queued messages follow it at once.
  client.on('message', (topic, payload, p: IPublishPacket) => copies.push({ topic, payload: payload.toString(), qos: p.qos }));
  await withTimeout(
    new Promise<void>((resolve, reject) => (client.once('connect', () => resolve()), client.once('error', reject))),
    STEP_MS,
    'mqtt.js to connect',
  );
  return { client, copies };
}

async function subscribe(client: MqttClient, filter: string, qos: QoS): Promise<number[]> {
  const granted = await withTimeout(client.subscribeAsync(filter, { qos }), STEP_MS, `SUBACK for ${filter}`);
  return granted.map((g) => g.qos);
}

/** Waits until `copies` holds `n` copies of `payload`; returns them. */
async function copiesOf(copies: Copy[], payload: string, n: number): Promise<Copy[]> {
  await until(() => copies.filter((c) => c.payload === payload).length >= n, `${n} copies of ${payload}`);
  return copies.filter((c) => c.payload === payload);
}

/**
 * Publishes a QoS 0 sentinel after the message under test and waits for `n` copies of it:
 * one publisher, so every copy of the earlier message was routed before it (no copy may be
 * still on its way when a test counts them).
 */
async function sentinel(topic: string, n: number, ...sinks: Copy[][]): Promise<void> {
  const payload = `sentinel-${++idCounter}`;
  await mosquittoPub(topic, payload, 0);
  for (const sink of sinks) await copiesOf(sink, payload, n);
}

const qosOf = (copies: Copy[]) => copies.map((c) => c.qos).sort();

/** A CONNECT (3.1.1) with an explicit clean-session bit, which mqtt.js refuses to build for an empty id. */
function rawConnect(clientId: string, clean: boolean, username: string, password: string): Buffer {
  const flags = 0x80 | 0x40 | (clean ? 0x02 : 0);
  const variableHeader = Buffer.concat([mqttString('MQTT'), Buffer.from([4, flags, 0, 0])]);
  return packet(0x10, Buffer.concat([variableHeader, mqttString(clientId), mqttString(username), mqttString(password)]));
}

beforeAll(async () => {
  live = await startLiveWorld({ homeIds: ['A'], devicesPerHome: 2, cloud: { sessionTtlMs: HOUR_MS } });
  A = live.homes['A']!;
});

afterEach(async () => {
  for (const child of tools.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
});

afterAll(async () => {
  await live?.close();
});

describe('delivered QoS = min(published QoS, granted QoS) for every copy (MQTT-3.8.4-6, MQTT-3.3.5-1)', () => {
  it('a wildcard subscription granted QoS 1 receives a QoS 2 message at QoS 1', async () => {
    const events = A.topic('events');
    const app = await mqttJs();
    expect(await subscribe(app.client, 'homes/A/devices/+/events', 1)).toEqual([1]);
    const sub = await mosquittoSub(['homes/A/#'], 1);

    await mosquittoPub(events, 'ding-at-qos-2', 2);
    expect(await copiesOf(app.copies, 'ding-at-qos-2', 1)).toEqual([{ topic: events, payload: 'ding-at-qos-2', qos: 1 }]);
    expect(await copiesOf(sub.copies, 'ding-at-qos-2', 1)).toEqual([{ topic: events, payload: 'ding-at-qos-2', qos: 1 }]);
  });

  it('overlapping subscriptions get one copy each, every copy at or below its own grant', async () => {
    const events = A.topic('events');
    // mqtt.js: homes/A/# granted 0, .../+/events granted 1 → the two copies at 0 and at 1.
    const low = await mqttJs();
    expect(await subscribe(low.client, 'homes/A/#', 0)).toEqual([0]);
    expect(await subscribe(low.client, 'homes/A/devices/+/events', 1)).toEqual([1]);
    // mqtt.js: granted 1 and 2 → at 1 and at 2 (the QoS 2 grant is not held down by the other).
    const high = await mqttJs();
    expect(await subscribe(high.client, 'homes/A/#', 1)).toEqual([1]);
    expect(await subscribe(high.client, 'homes/A/devices/+/events', 2)).toEqual([2]);
    // mosquitto_sub: both filters granted 1 → both copies at 1.
    const sub = await mosquittoSub(['homes/A/#', 'homes/A/devices/+/events'], 1);

    await mosquittoPub(events, 'overlap-at-qos-2', 2);
    await sentinel(events, 2, low.copies, high.copies, sub.copies);
    expect(qosOf(await copiesOf(low.copies, 'overlap-at-qos-2', 2))).toEqual([0, 1]);
    expect(qosOf(await copiesOf(high.copies, 'overlap-at-qos-2', 2))).toEqual([1, 2]);
    expect(qosOf(await copiesOf(sub.copies, 'overlap-at-qos-2', 2))).toEqual([1, 1]);
  });

  it('an exact-topic subscription still downgrades as before, and never upgrades', async () => {
    const events = A.topic('events');
    const app = await mqttJs();
    expect(await subscribe(app.client, events, 1)).toEqual([1]);
    const sub = await mosquittoSub([events], 0);

    await mosquittoPub(events, 'exact-at-qos-2', 2);
    await mosquittoPub(events, 'exact-at-qos-0', 0);
    await sentinel(events, 1, app.copies, sub.copies);
    expect(app.copies.filter((c) => !c.payload.startsWith('sentinel'))).toEqual([
      { topic: events, payload: 'exact-at-qos-2', qos: 1 },
      { topic: events, payload: 'exact-at-qos-0', qos: 0 },
    ]);
    expect(qosOf(sub.copies.filter((c) => !c.payload.startsWith('sentinel')))).toEqual([0, 0]);
  });

  it('a retained message replayed to a new wildcard subscription comes at or below its grant', async () => {
    const status = A.topic('status', A.devices[1]);
    await mosquittoPub(status, 'online-retained-at-qos-1', 1, { retain: true, device: 1 });
    try {
      const app = await mqttJs();
      expect(await subscribe(app.client, 'homes/A/devices/+/status', 0)).toEqual([0]);
      const sub = await mosquittoSub(['homes/A/+/+/status'], 0);
      expect(await copiesOf(app.copies, 'online-retained-at-qos-1', 1)).toEqual([{ topic: status, payload: 'online-retained-at-qos-1', qos: 0 }]);
      expect(qosOf(await copiesOf(sub.copies, 'online-retained-at-qos-1', 1))).toEqual([0]);
    } finally {
      await mosquittoPub(status, '', 0, { retain: true, device: 1 }); // clears it for the other tests
    }
  });

  it('a persistent session\'s queued message comes, on reconnect, at its wildcard subscription\'s grant', async () => {
    const events = A.topic('events');
    const clientId = `conformance-persistent-${++idCounter}`;
    const first = await mqttJs({ clientId, clean: false });
    expect(await subscribe(first.client, 'homes/A/devices/+/events', 1)).toEqual([1]);
    await first.client.endAsync();

    await mosquittoPub(events, 'queued-at-qos-2', 2); // the session is offline: aedes queues it
    const resumed = await mqttJs({ clientId, clean: false });
    expect(await copiesOf(resumed.copies, 'queued-at-qos-2', 1)).toEqual([{ topic: events, payload: 'queued-at-qos-2', qos: 1 }]);
  });
});

describe('zero-length client id (MQTT-3.1.3-6 … -8)', () => {
  it('with clean session off: CONNACK 0x02 (identifier rejected), then the connection is closed', async () => {
    const raw = await RawClient.open(port());
    try {
      raw.write(rawConnect('', false, A.email, live.login(A)));
      await raw.waitClosed('the broker to close after CONNACK 0x02');
      expect(raw.received).toEqual(connack(2));
    } finally {
      raw.destroy();
    }
    expect(refusals(live, 'broker.connect-refused').at(-1)).toMatchObject({ clientId: '', username: A.email, reason: expect.stringContaining('MQTT-3.1.3-8') });
  });

  it('with clean session on: accepted, under an id the server assigns', async () => {
    const raw = await RawClient.open(port());
    try {
      raw.write(rawConnect('', true, A.email, live.login(A)));
      expect(await raw.waitReceived(4, 'CONNACK')).toEqual(connack(0));
      expect(raw.isClosed).toBe(false);
    } finally {
      raw.destroy();
    }
    // mqtt.js with an empty id (it sends clean=1), and it can subscribe and receive.
    const app = await mqttJs({ clientId: '' });
    expect(await subscribe(app.client, 'homes/A/devices/+/events', 1)).toEqual([1]);
    await mosquittoPub(A.topic('events'), 'to-an-assigned-id', 1);
    expect(await copiesOf(app.copies, 'to-an-assigned-id', 1)).toEqual([{ topic: A.topic('events'), payload: 'to-an-assigned-id', qos: 1 }]);
  });
});
