import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MqttLink } from '../../simulator/broker/mqtt-link.js';
import { TrafficMeter } from '../../simulator/broker/memory-transport.js';
import { deviceTopic, homeFilter } from '../../simulator/broker/topics.js';
import { findMosquitto, freePort, MOSQUITTO_INSTALL_HINT as INSTALL_HINT, startMosquitto, type RunningMosquitto } from './helpers/mosquitto.js';
import { STEP_MS, withTimeout } from './helpers/wait.js';

/**
 * The external-broker sanity check (DESIGN.md, "Real protocol where it matters"): the
 * simulator's MQTT client side — MqttLink over mqtt.js with the options our devices use —
 * works against Debian's Mosquitto, not just against aedes. Mosquitto does not start itself
 * here (policy-rc.d), so the test runs it by hand on a free loopback port and stops it by pid.
 */

/** Writes a plain config for 127.0.0.1:port and starts mosquitto with it (helpers/mosquitto.ts). */
function startPlainMosquitto(binary: string, dir: string, port: number): Promise<RunningMosquitto> {
  const config = join(dir, `mosquitto-${port}.conf`);
  // persistence off and a deep queue: the pitfall in DESIGN.md (max_queued_messages 1000) must not bite.
  writeFileSync(config, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', 'log_type all', 'max_queued_messages 100000', ''].join('\n'));
  return startMosquitto(binary, config);
}

/** An mqtt.js client with the options SimBroker gives every device and app (3.1.1, no reconnect). */
async function simulatorLink(port: number, clientId: string, will?: { topic: string; payload: string }): Promise<MqttLink> {
  const client: MqttClient = connect(`mqtt://127.0.0.1:${port}`, {
    protocolVersion: 4,
    clientId,
    clean: true,
    keepalive: 0,
    reconnectPeriod: 0,
    connectTimeout: STEP_MS,
    will: will && { topic: will.topic, payload: Buffer.from(will.payload), qos: 0, retain: true },
  });
  await withTimeout(new Promise<void>((resolve, reject) => (client.once('connect', () => resolve()), client.once('error', reject))), STEP_MS, `${clientId} to connect to mosquitto`);
  return new MqttLink(client, clientId, new TrafficMeter());
}

/** Collects a link's messages; `waitCount` resolves once `n` have arrived (bounded). */
function collect(link: MqttLink) {
  const received: Array<{ topic: string; payload: string }> = [];
  let wake: (() => void) | undefined;
  link.onMessage((topic, payload) => (received.push({ topic, payload }), wake?.()));
  const waitCount = (n: number, what: string) =>
    withTimeout(
      new Promise<void>((resolve) => {
        wake = () => {
          if (received.length >= n) resolve();
        };
        wake(); // maybe they are all here already
      }),
      STEP_MS,
      what,
    );
  return { received, waitCount };
}

describe('simulator MQTT clients on Debian\'s Mosquitto', () => {
  let dir: string;
  let mosquitto: RunningMosquitto | undefined;
  let port: number;
  /** A failed start is reported by the test (a failed test), not by beforeAll (a skipped one). */
  let startError: unknown;
  const links: MqttLink[] = [];

  beforeAll(async () => {
    const binary = findMosquitto();
    if (!binary) return; // the test itself fails with INSTALL_HINT (a failed test, not a skipped one)
    dir = mkdtempSync(join(tmpdir(), 'mosquitto-test-'));
    // Another process may take the port between freePort() and mosquitto's bind: try again once.
    for (let attempt = 0; !mosquitto && attempt < 2; attempt++) {
      port = await freePort();
      try {
        mosquitto = await startPlainMosquitto(binary, dir, port);
      } catch (error) {
        startError = error;
      }
    }
  });

  afterAll(async () => {
    await Promise.all(links.map((l) => l.client.endAsync(true).catch(() => undefined)));
    await mosquitto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a doorbell\'s status, events and media to an app in order, keeps the retained status, and sends the last will', async () => {
    if (!mosquitto) throw startError ?? new Error(INSTALL_HINT); // fail, never skip: CI must have it
    const home = 'home-00001';
    const status = deviceTopic(home, 'db-00001', 'status');
    const events = deviceTopic(home, 'db-00001', 'events');
    const media = deviceTopic(home, 'db-00001', 'media');

    const app = await simulatorLink(port, 'app-acct-00001-1');
    links.push(app);
    const seen = collect(app);
    expect(await app.subscribe(homeFilter(home))).toBe(true);

    const doorbell = await simulatorLink(port, 'db-00001', { topic: status, payload: JSON.stringify({ online: false }) });
    links.push(doorbell);
    const sent = [{ topic: status, payload: JSON.stringify({ online: true, battery: 83, firmware: '2.4.1' }) }];
    for (let i = 0; i < 200; i++) sent.push({ topic: events, payload: JSON.stringify({ type: i % 10 === 0 ? 'ding' : 'motion', at: i * 1000 }) });
    sent.push({ topic: media, payload: JSON.stringify({ type: 'recording', clipId: 'db-00001-c1', durationS: 42, capturedAtMs: 0 }) });
    expect(doorbell.publish(sent[0]!.topic, sent[0]!.payload, { retain: true })).toBe(true);
    for (const m of sent.slice(1)) expect(doorbell.publish(m.topic, m.payload)).toBe(true);

    await seen.waitCount(sent.length, `the app to receive all ${sent.length} messages`);
    expect(seen.received).toEqual(sent); // same messages, same order (QoS 0, one publisher)

    // A late subscriber gets the retained status at once, as owners' apps expect.
    const late = await simulatorLink(port, 'app-acct-00001-2');
    links.push(late);
    const lateSeen = collect(late);
    expect(await late.subscribe(homeFilter(home))).toBe(true);
    await lateSeen.waitCount(1, 'the retained status');
    expect(lateSeen.received[0]).toEqual(sent[0]);

    // The doorbell vanishes without DISCONNECT: Mosquitto publishes its will (offline).
    doorbell.client.stream.destroy();
    await seen.waitCount(sent.length + 1, 'the last will');
    expect(seen.received.at(-1)).toEqual({ topic: status, payload: JSON.stringify({ online: false }) });
  });
});
