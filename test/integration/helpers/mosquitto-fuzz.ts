import fc from 'fast-check';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as mqttPacket from 'mqtt-packet';
import { connect, type MqttClient } from 'mqtt';
import { writeOutputsAtomic } from '../../../simulator/cli/output-files.js';
import { CONFIG_FILES, mosquittoConfigSet } from '../../../simulator/mosquitto/config-set.js';
import { mutate, mutation, packetArb, type FuzzLogin } from '../../property/support/mqtt-fuzz.js';
import { findMosquitto, freePort, MOSQUITTO_INSTALL_HINT, startMosquitto } from './mosquitto.js';
import { STEP_MS, withTimeout } from './wait.js';

/**
 * The malformed-packet generator of test/property/fuzz-malformed-hardened.test.ts (the same
 * arbitraries: real packets from mqtt-packet, each mutated one to three times, five per
 * connection, three connections in four after a valid CONNECT) against Debian's Mosquitto on
 * loopback TCP, started with mosquitto-config's hardened files for one home and one fuzzing
 * device. After every batch an honest device publishes and an honest owner must receive it.
 * Mosquitto's memory is read from /proc/PID/status (VmRSS), the process the test started.
 */
export interface MosquittoFuzzResult {
  packets: number;
  bytes: number;
  batches: number;
  honestReceived: number;
  /** VmRSS of the mosquitto process, KiB: before the first batch, after the last, and the highest seen. */
  rssBeforeKiB: number;
  rssAfterKiB: number;
  rssPeakKiB: number;
  stillRunning: boolean;
}

export const PER_CONNECTION = 5;
const CONNECTIONS_PER_BATCH = 100;

/** VmRSS of a process, in KiB (proc(5)). */
export function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`/proc/${pid}/status has no VmRSS line`);
  return Number(match[1]);
}

/** One malformed connection: written, half-closed, and done once the broker has closed it too. */
function sendConnection(port: number, chunks: Buffer[]): Promise<number> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: '127.0.0.1', port });
    let bytes = 0;
    socket.on('error', () => {}); // the broker resets a client at its first bad packet: expected
    socket.on('connect', () => {
      for (const chunk of chunks) {
        socket.write(chunk);
        bytes += chunk.length;
      }
      socket.end();
    });
    socket.resume(); // read and drop whatever the broker answers, so its writes never block
    socket.on('close', () => resolve(bytes));
  });
}

function honestClient(port: number, username: string, password: string): Promise<MqttClient> {
  const client = connect(`mqtt://127.0.0.1:${port}`, { protocolVersion: 4, clientId: username, username, password, keepalive: 0, reconnectPeriod: 0, clean: true });
  return withTimeout(new Promise((resolve, reject) => (client.once('connect', () => resolve(client)), client.once('error', reject))), STEP_MS, `${username} to connect`);
}

export async function fuzzMosquitto(packets: number, seed: number): Promise<MosquittoFuzzResult> {
  const binary = findMosquitto();
  if (!binary) throw new Error(MOSQUITTO_INSTALL_HINT);
  const dir = mkdtempSync(join(tmpdir(), 'smarthome-fuzz-mosquitto-'));
  chmodSync(dir, 0o755); // mosquitto started as root drops to user mosquitto, which must read the files
  const port = await freePort();
  const set = mosquittoConfigSet(dir, { devices: [{ deviceId: 'h1-d1', homeId: 'h1' }, { deviceId: 'hF-fuzz', homeId: 'hF' }], accounts: [{ username: 'owner@h1.test', homeIds: ['h1'] }] }, { port });
  writeOutputsAtomic(set.files);
  const password = (u: string) => set.credentials.find((c) => c.username === u)!.password;
  const mosquitto = await startMosquitto(binary, join(dir, CONFIG_FILES.conf));
  const pid = mosquitto.child.pid!;
  const clients: MqttClient[] = [];
  try {
    const device = await honestClient(port, 'h1-d1', password('h1-d1'));
    const owner = await honestClient(port, 'owner@h1.test', password('owner@h1.test'));
    clients.push(device, owner);
    let last = '';
    let onTag: (() => void) | undefined;
    owner.on('message', (_topic, payload) => {
      last = payload.toString();
      onTag?.();
    });
    await withTimeout(owner.subscribeAsync('homes/h1/#'), STEP_MS, 'the owner to subscribe');

    const fuzzLogin: FuzzLogin = { clientId: 'hF-fuzz', username: 'hF-fuzz', password: password('hF-fuzz'), topics: ['events', 'status', 'commands', 'media'].map((c) => `homes/hF/devices/hF-fuzz/${c}`) };
    const malformed = fc.tuple(packetArb(fuzzLogin, 1), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([p, ms]) => ms.reduce(mutate, p));
    const connection = fc.record({ authenticated: fc.nat(3).map((n) => n > 0), packets: fc.array(malformed, { minLength: PER_CONNECTION, maxLength: PER_CONNECTION }) });
    const connectBytes = mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 0, clientId: 'hF-fuzz-fz', username: fuzzLogin.username, password: Buffer.from(fuzzLogin.password) }, { protocolVersion: 4 });

    const batches = Math.ceil(packets / PER_CONNECTION / CONNECTIONS_PER_BATCH);
    const rssBeforeKiB = rssKiB(pid);
    let rssPeakKiB = rssBeforeKiB;
    let sent = 0;
    let bytes = 0;
    let honestReceived = 0;
    for (let batch = 0; batch < batches && sent < packets; batch++) {
      const numRuns = Math.min(CONNECTIONS_PER_BATCH, Math.ceil((packets - sent) / PER_CONNECTION));
      const streams = fc.sample(connection, { seed: seed + batch, numRuns });
      const written = await withTimeout(Promise.all(streams.map((s) => sendConnection(port, s.authenticated ? [connectBytes, ...s.packets] : s.packets))), STEP_MS * 4, `batch ${batch} to close`);
      bytes += written.reduce((a, b) => a + b, 0);
      sent += numRuns * PER_CONNECTION;
      const tag = `honest-${batch}`;
      const arrived = new Promise<void>((resolve) => (onTag = () => last === tag && resolve()));
      device.publish('homes/h1/devices/h1-d1/events', tag, { qos: 0 });
      await withTimeout(arrived, STEP_MS, `the owner to receive ${tag}`);
      honestReceived++;
      rssPeakKiB = Math.max(rssPeakKiB, rssKiB(pid));
    }
    const stillRunning = mosquitto.child.exitCode === null && mosquitto.child.signalCode === null;
    return { packets: sent, bytes, batches, honestReceived, rssBeforeKiB, rssAfterKiB: rssKiB(pid), rssPeakKiB, stillRunning };
  } catch (error) {
    throw new Error(`${(error as Error).message}\nmosquitto log:\n${mosquitto.log().slice(-4000)}`);
  } finally {
    for (const client of clients) await client.endAsync(true).catch(() => undefined);
    await mosquitto.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
