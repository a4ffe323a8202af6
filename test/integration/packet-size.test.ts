import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_CONNECT_BYTES, DEFAULT_MAX_PACKET_BYTES, startListeners, type Listeners } from '../../simulator/broker/listeners.js';
import { HealthProbe } from './helpers/health.js';
import { startLiveWorld, type LiveWorld } from './helpers/live-world.js';
import { connack, connectPacket, publishPacket, RawClient, varint } from './helpers/raw-mqtt.js';
import { RawWebSocket } from './helpers/raw-websocket.js';
import { TCP, WS } from './helpers/transports.js';
import { STEP_MS, until, withTimeout } from './helpers/wait.js';

const MiB = 1024 * 1024;
/** What a hostile client offers: as in the tester's report, far past any limit. */
const OFFERED_BYTES = 200 * 1000 * 1000;
/** Growth allowed while it is offered: without the guard aedes would buffer all 200 MB. */
const RSS_BOUND_BYTES = 64 * MiB;
/** One write of the hostile sender; reused, so the sender's own memory stays flat. */
const CHUNK = Buffer.alloc(MiB, 0x61);
/** WebSocket frames must stay under the listener's wsMaxPayload (1 MiB): half a MiB each. */
const WS_CHUNK = CHUNK.subarray(0, MiB / 2);

/** The fixed header of a packet that announces `bodyBytes` of remaining length. */
const header = (firstByte: number, bodyBytes: number) => Buffer.concat([Buffer.from([firstByte]), varint(bodyBytes)]);

/** Highest RSS seen while `work` runs, sampled every few ms. */
async function peakRss(work: () => Promise<void>): Promise<number> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, process.memoryUsage().rss);
}

/** Writes `first`, then CHUNKs up to OFFERED_BYTES with back-pressure until the broker hangs up; bytes written. */
async function offerOverTcp(raw: RawClient, first: Buffer): Promise<number> {
  let sent = 0;
  raw.write(first);
  while (sent < OFFERED_BYTES && !raw.isClosed) {
    if (!raw.socket.write(CHUNK)) await Promise.race([new Promise((r) => raw.socket.once('drain', r)), raw.closed]);
    sent += CHUNK.length;
  }
  await raw.waitClosed('the broker to drop the oversize sender');
  return sent;
}

async function offerOverWs(ws: RawWebSocket, first: Buffer): Promise<number> {
  let sent = 0;
  ws.send(first);
  while (sent < OFFERED_BYTES && ws.ws.readyState === ws.ws.OPEN) {
    await new Promise<void>((resolve) => ws.ws.send(WS_CHUNK, { binary: true }, () => resolve()));
    sent += WS_CHUNK.length;
  }
  await ws.waitOutcome();
  return sent;
}

describe('packet-size limits on the live listeners', () => {
  let live: LiveWorld;
  let probe: HealthProbe;
  const hostile: Array<{ destroy(): void }> = [];

  beforeAll(async () => {
    live = await startLiveWorld({ homeIds: ['A', 'B'], devicesPerHome: 2 });
    probe = await HealthProbe.start(live, () => TCP.url(live.listeners));
  });
  afterEach(() => {
    for (const h of hostile.splice(0)) h.destroy();
  });
  afterAll(async () => {
    await probe?.close();
    await live?.close();
  });

  const ownerConnect = () => {
    const A = live.homes.A!;
    return connectPacket({ clientId: `big-${hostile.length}`, username: A.email, password: live.login(A) });
  };
  const rawTcp = async () => {
    const raw = await RawClient.open(live.listeners.tcpPort);
    hostile.push(raw);
    return raw;
  };
  const rawWs = async () => {
    const ws = new RawWebSocket(`ws://127.0.0.1:${live.listeners.wsPort}/mqtt`);
    hostile.push({ destroy: () => ws.terminate() });
    await ws.waitOpen();
    return ws;
  };

  it('defaults: 256 KiB per packet, 64 KiB for CONNECT, 10 s to send it', () => {
    expect(DEFAULT_MAX_PACKET_BYTES).toBe(256 * 1024);
    expect(DEFAULT_MAX_CONNECT_BYTES).toBe(64 * 1024);
    expect(DEFAULT_CONNECT_TIMEOUT_MS).toBe(10_000);
  });

  it.each([
    ['CONNECT', 'connect-too-large' as const],
    ['PUBLISH', 'packet-too-large' as const],
  ])('TCP: an oversize %s is dropped at its header, RSS grows < 64 MiB while 200 MB are offered, the honest client keeps receiving', async (kind, reason) => {
    const before = live.listeners.refusals[reason];
    const raw = await rawTcp();
    if (kind === 'PUBLISH') {
      raw.write(ownerConnect());
      expect(await raw.waitReceived(4, 'CONNACK')).toEqual(connack(0));
    }
    const start = process.memoryUsage().rss;
    let sent = 0;
    const peak = await peakRss(async () => {
      sent = await offerOverTcp(raw, header(kind === 'CONNECT' ? 0x10 : 0x30, OFFERED_BYTES));
    });
    expect(live.listeners.refusals[reason]).toBe(before + 1);
    expect(sent, 'the broker hung up long before 200 MB were through').toBeLessThan(OFFERED_BYTES);
    expect(peak - start).toBeLessThan(RSS_BOUND_BYTES);
    await probe.check(`tcp oversize ${kind}`);
  });

  it.each([
    ['CONNECT', 'connect-too-large' as const],
    ['PUBLISH', 'packet-too-large' as const],
  ])('WebSocket: an oversize %s spread over many frames is dropped at its header, RSS grows < 64 MiB while 200 MB are offered, the honest client keeps receiving', async (kind, reason) => {
    // Home B's pair over WebSocket (home A's doorbell id is held by the TCP probe).
    const wsProbe = await HealthProbe.start(live, () => WS.url(live.listeners), 'B');
    try {
      const before = live.listeners.refusals[reason];
      const ws = await rawWs();
      if (kind === 'PUBLISH') {
        ws.send(ownerConnect());
        await until(() => ws.received.length > 0, 'CONNACK');
        expect(Buffer.concat(ws.received)).toEqual(connack(0));
      }
      const start = process.memoryUsage().rss;
      let sent = 0;
      const peak = await peakRss(async () => {
        sent = await offerOverWs(ws, header(kind === 'CONNECT' ? 0x10 : 0x30, OFFERED_BYTES));
      });
      expect(live.listeners.refusals[reason]).toBe(before + 1);
      expect(sent).toBeLessThan(OFFERED_BYTES);
      expect(peak - start).toBeLessThan(RSS_BOUND_BYTES);
      await wsProbe.check(`ws oversize ${kind}`);
      await probe.check(`ws oversize ${kind}`);
    } finally {
      await wsProbe.close();
    }
  });

  it('a PUBLISH of exactly maxPacketBytes is delivered; one byte more drops its sender only', async () => {
    const A = live.homes.A!;
    const device = A.devices[1]!;
    const topic = A.topic('media', device);
    /** A PUBLISH on `topic` of exactly `total` bytes, fixed header included, and its payload. */
    const sizedPublish = (total: number) => {
      for (let payloadBytes = total - topic.length - 4; payloadBytes > 0; payloadBytes--) {
        const payload = 'x'.repeat(payloadBytes);
        const bytes = publishPacket(topic, payload);
        if (bytes.length === total) return { bytes, payload };
      }
      throw new Error(`no PUBLISH of ${total} bytes`);
    };
    const atLimit = sizedPublish(DEFAULT_MAX_PACKET_BYTES);
    expect(atLimit.bytes.length).toBe(DEFAULT_MAX_PACKET_BYTES);
    const raw = await rawTcp();
    raw.write(connectPacket({ clientId: device.deviceId, username: device.deviceId, password: device.credential }));
    expect(await raw.waitReceived(4, 'CONNACK')).toEqual(connack(0));
    raw.write(atLimit.bytes);
    await probe.owner.waitFor(topic, atLimit.payload);
    const before = live.listeners.refusals['packet-too-large'];
    raw.write(sizedPublish(DEFAULT_MAX_PACKET_BYTES + 1).bytes);
    await raw.waitClosed();
    expect(live.listeners.refusals['packet-too-large']).toBe(before + 1);
    await probe.check('limit + 1');
  });
});

describe('idle connections on the live listeners', () => {
  let live: LiveWorld;
  let listeners: Listeners;
  const IDLE_MS = 200;

  beforeAll(async () => {
    live = await startLiveWorld({ homeIds: ['A'] });
    // A second pair of listeners on the same broker, with short idle bounds.
    listeners = await startListeners(live.broker, { wsHandshakeTimeoutMs: IDLE_MS, connectTimeoutMs: IDLE_MS });
  });
  afterAll(async () => {
    await listeners?.close();
    await live?.close();
  });

  it(`a raw TCP connection to the WebSocket port that sends nothing is closed after the idle bound (${IDLE_MS} ms here)`, async () => {
    const before = listeners.refusals['handshake-timeout'];
    const raw = await RawClient.open(listeners.wsPort);
    await withTimeout(raw.closed, IDLE_MS + STEP_MS, 'the idle WebSocket-port connection to be closed');
    expect(raw.received.length).toBe(0);
    expect(listeners.refusals['handshake-timeout']).toBe(before + 1);
  });

  it('a WebSocket that completes its handshake in time is not closed by the handshake bound', async () => {
    const A = live.homes.A!;
    const ws = new RawWebSocket(`ws://127.0.0.1:${listeners.wsPort}/mqtt`);
    await ws.waitOpen();
    ws.send(connectPacket({ clientId: 'in-time', username: A.email, password: live.login(A) }));
    await until(() => ws.received.length > 0, 'CONNACK');
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 3));
    expect(ws.ws.readyState).toBe(ws.ws.OPEN);
    expect(listeners.refusals['connect-timeout']).toBe(0);
    ws.terminate();
  });

  it('a TCP MQTT connection that never sends CONNECT is closed after connectTimeoutMs; aedes keeps its own 30 s bound behind it', async () => {
    expect((live.broker.aedes as unknown as { connectTimeout: number }).connectTimeout).toBe(30_000);
    const before = listeners.refusals['connect-timeout'];
    const raw = await RawClient.open(listeners.tcpPort);
    raw.write(Buffer.from([0x10, 0x20])); // a CONNECT header, then nothing
    await withTimeout(raw.closed, IDLE_MS + STEP_MS, 'the silent MQTT connection to be closed');
    expect(listeners.refusals['connect-timeout']).toBe(before + 1);
  });
});
