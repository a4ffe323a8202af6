import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { connectAsync, type MqttClient } from 'mqtt';
import { startListeners, type ListenerOptions, type Listeners } from '../simulator/broker/listeners.js';
import { SimBroker } from '../simulator/broker/sim-broker.js';
import { deviceTopic } from '../simulator/broker/topics.js';
import { Cloud } from '../simulator/cloud/cloud.js';
import { World } from '../simulator/core/world.js';
import { installDefenses } from '../simulator/defenses/install.js';
import { RealtimeRunner } from '../simulator/runner/realtime.js';
import { median, type BenchResult } from './bench-result.js';
import { FLOODING, type Flood, type FloodKind } from './dos-flood-client.js';

/**
 * Issue 17, "broker latency for an honest client before and during a DoS": an honest QoS 1
 * PUBLISH → PUBACK round trip over a real loopback TCP listener of the simulator's broker,
 * with no flood (the baseline, measured in the same run, before, between and after the
 * floods) and during each of broker-dos's flood kinds, run by a child process. Once at
 * `mqtt-default` (aedes' own defaults: no packet bound, no CONNECT timeout, no limits) and
 * once at `mqtt-hardened`. In a seeded run these round trips take no virtual time (the
 * broker model has no capacity), so they are measured here in real time, not as report keys.
 */
const PHASE_MS = 3_000;
const WARMUP_MS = 500;
/** Honest round trips are paced, so the honest clients stay far below publish-rate-limit's 600 a minute each. */
const ROUND_TRIP_GAP_MS = 2;
/** 60 honest doorbells round-robin: at one round trip every ~2.5 ms, each sends ~400 a minute. */
const HONEST_DEVICES = 60;
const ROUND_TRIP_TIMEOUT_MS = 5_000;
const CHILD_START_TIMEOUT_MS = 15_000;
const CHILD_SCRIPT = fileURLToPath(new URL('./dos-flood-client.ts', import.meta.url));
const FLOODS: FloodKind[] = ['connections', 'slow-connects', 'publishes', 'oversize'];

/**
 * mqtt-default on a live listener: the listener's own bounds off too (aedes has none), else
 * the default listener bounds would be measured, not aedes'. mqtt-hardened: the defences'
 * bounds (listeners.ts takes them from the installed max-packet-size and connect-timeout).
 * connect-rate-limit allows the honest clients' 60 CONNECTs from 127.0.0.1 (every client
 * of a loopback bench shares one address); the flood's are cut after them.
 */
const PROFILES: Array<{ name: string; set: Record<string, unknown>; listener: ListenerOptions }> = [
  { name: 'mqtt-default', set: {}, listener: { maxPacketBytes: 268_435_455, maxConnectBytes: 268_435_455, connectTimeoutMs: 0 } },
  { name: 'mqtt-hardened', set: { 'connect-rate-limit': { maxConnects: HONEST_DEVICES + 40 } }, listener: {} },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function startBroker(profile: (typeof PROFILES)[number]) {
  const world = new World({ seed: 1 });
  const cloud = new Cloud(world);
  const broker = await SimBroker.create(world, cloud, { live: true });
  const spec = profile.name;
  installDefenses(cloud, world, spec === 'mqtt-hardened' ? [...hardened(profile.set)] : spec, { broker });
  const devices = Array.from({ length: HONEST_DEVICES }, (_, i) => cloud.devices.register({ deviceId: `db-${i}`, homeId: `h-${i}`, kind: 'doorbell', firmware: '1' }));
  const email = 'flooder@attacker.example';
  const password = 'correct horse flooding battery';
  cloud.accounts.create({ id: 'acct-flooder', email, password, homeIds: ['h-flooder'], nowMs: world.now() });
  const login = cloud.attemptLogin({ email, password, ip: '127.0.0.1', clientFingerprint: 'bench', actor: 'attacker' });
  if (!login.session) throw new Error(`broker-dos-latency: flooder login failed: ${login.outcome}`);
  // The world clock follows the wall clock, so the per-minute limits count real minutes.
  const pacing = new RealtimeRunner(world, { speed: 1 });
  const listeners = await startListeners(broker, profile.listener);
  const owner = { email, token: login.session.token, topic: deviceTopic('h-flooder', 'db-flooder', 'commands') };
  return { world, devices, owner, listeners, pacing };
}

/** mqtt-hardened's defences as objects, with the bench's parameters where it has them. */
function hardened(set: Record<string, unknown>) {
  const names = ['tenant-acl', 'unique-device-credentials', 'client-id-binding', 'connection-cap', 'publish-rate-limit', 'connect-rate-limit', 'max-packet-size', 'connect-timeout', 'sys-topics-closed'] as const;
  return names.map((name) => ({ name, params: set[name] as never }));
}

async function roundTrip(client: MqttClient, topic: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`broker-dos-latency: no PUBACK within ${ROUND_TRIP_TIMEOUT_MS} ms`)), ROUND_TRIP_TIMEOUT_MS)));
  try {
    await Promise.race([client.publishAsync(topic, '{"type":"motion"}', { qos: 1 }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function startFlood(flood: Flood): Promise<() => Promise<void>> {
  const child: ChildProcess = fork(CHILD_SCRIPT, [JSON.stringify(flood)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.disconnect();
    const inTime = await Promise.race([exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 2_000).unref())]);
    if (!inTime) child.kill('SIGKILL');
    await exited;
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`broker-dos-latency: the ${flood.kind} flood did not start`)), CHILD_START_TIMEOUT_MS);
    child.once('message', (m) => m === FLOODING && (clearTimeout(timer), resolve()));
    void exited.then(() => (clearTimeout(timer), reject(new Error(`broker-dos-latency: the ${flood.kind} flood ended early`))));
  }).catch(async (error) => (await stop(), Promise.reject(error)));
  return stop;
}

/** Honest round trips for PHASE_MS (round-robin over the doorbells), with a flood running if given. */
async function phase(clients: MqttClient[], topics: string[], flood?: Flood): Promise<{ p50: number; p99: number; n: number; failed: number }> {
  const stop = flood ? await startFlood(flood) : undefined;
  const samples: number[] = [];
  let failed = 0;
  try {
    for (let i = 0, end = performance.now() + PHASE_MS; performance.now() < end; i++) {
      const k = i % clients.length;
      if (!clients[k]!.connected) {
        failed++;
        continue;
      }
      const start = performance.now();
      try {
        await roundTrip(clients[k]!, topics[k]!);
        samples.push(performance.now() - start);
      } catch {
        failed++;
      }
      await new Promise((r) => setTimeout(r, ROUND_TRIP_GAP_MS));
    }
  } finally {
    await stop?.();
  }
  samples.sort((a, b) => a - b);
  return { p50: samples.length ? percentile(samples, 50) : NaN, p99: samples.length ? percentile(samples, 99) : NaN, n: samples.length, failed };
}

export async function benchBrokerDosLatency(): Promise<BenchResult[]> {
  const rows: BenchResult[] = [];
  for (const profile of PROFILES) {
    const { world, devices, owner, listeners, pacing } = await startBroker(profile);
    const clients: MqttClient[] = [];
    try {
      for (const d of devices) clients.push(await connectAsync(`mqtt://127.0.0.1:${listeners.tcpPort}`, { protocolVersion: 4, clientId: d.deviceId, username: d.deviceId, password: d.credential, keepalive: 0, reconnectPeriod: 0 }));
      for (const c of clients) c.on('error', () => {});
      const topics = devices.map((d) => deviceTopic(d.homeId, d.deviceId, 'events'));
      for (let end = performance.now() + WARMUP_MS, i = 0; performance.now() < end; i++) await roundTrip(clients[i % clients.length]!, topics[i % clients.length]!);
      const baselines = [await phase(clients, topics)];
      const during: Array<Awaited<ReturnType<typeof phase>>> = [];
      for (const kind of FLOODS) {
        during.push(await phase(clients, topics, { kind, port: listeners.tcpPort, owner }));
        baselines.push(await phase(clients, topics));
      }
      const base = { p50: median(baselines.map((b) => b.p50)), p99: median(baselines.map((b) => b.p99)) };
      const at = `broker-dos-latency (${profile.name})`;
      rows.push({ name: `${at}: honest QoS 1 round trip p50, no flood`, value: base.p50, unit: 'ms' });
      rows.push({ name: `${at}: honest QoS 1 round trip p99, no flood`, value: base.p99, unit: 'ms' });
      FLOODS.forEach((kind, i) => {
        const d = during[i]!;
        rows.push({ name: `${at}: honest p50 during ${kind} flood`, value: d.p50, unit: 'ms', baseline: base.p50, ratio: d.p50 / base.p50 });
        rows.push({ name: `${at}: honest p99 during ${kind} flood`, value: d.p99, unit: 'ms', baseline: base.p99, ratio: d.p99 / base.p99 });
        rows.push({ name: `${at}: honest round trips failed during ${kind} flood`, value: d.failed, unit: `of ${d.n + d.failed}` });
      });
    } finally {
      for (const c of clients) await c.endAsync(true).catch(() => undefined);
      await listeners.close();
      await pacing.stop();
      await world.close();
    }
  }
  return rows;
}
