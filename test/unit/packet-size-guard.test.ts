import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PacketSizeGuard, PacketSizeScanner, type PacketRefusal } from '../../simulator/broker/packet-size-guard.js';
import { connectPacket, packet, publishPacket, varint } from '../integration/helpers/raw-mqtt.js';

const limits = { maxConnectBytes: 64, maxPacketBytes: 200 };

/** A packet of exactly `totalBytes` (fixed header included), type byte `first`. */
function packetOfSize(first: number, totalBytes: number): Buffer {
  for (let body = totalBytes - 2; body >= 0; body--) {
    const p = packet(first, Buffer.alloc(body, 0x61));
    if (p.length === totalBytes) return p;
  }
  throw new Error(`no packet of ${totalBytes} bytes`);
}

/** Feeds `chunks` one by one; the first refusal, or undefined. */
function scanAll(scanner: PacketSizeScanner, chunks: Buffer[]): PacketRefusal | undefined {
  for (const chunk of chunks) {
    const refusal = scanner.scan(chunk);
    if (refusal) return refusal;
  }
  return undefined;
}

describe('PacketSizeScanner', () => {
  const connect = connectPacket({ clientId: 'c', username: 'u', password: 'p' });

  it('a CONNECT of exactly maxConnectBytes passes, one byte more is refused', () => {
    expect(scanAll(new PacketSizeScanner(limits), [packetOfSize(0x10, 64)])).toBeUndefined();
    expect(scanAll(new PacketSizeScanner(limits), [packetOfSize(0x10, 65)])).toBe('connect-too-large');
  });

  it('a later packet of exactly maxPacketBytes passes, limit + 1 is refused', () => {
    const atLimit = new PacketSizeScanner(limits);
    expect(scanAll(atLimit, [connect, packetOfSize(0x30, 200)])).toBeUndefined();
    expect(atLimit.completed).toBe(2);
    expect(scanAll(new PacketSizeScanner(limits), [connect, packetOfSize(0x30, 201)])).toBe('packet-too-large');
  });

  it('sizes count the whole packet: a two-byte varint header is part of it', () => {
    // 128-byte body: 1 type byte + 2 length bytes + 128 = 131.
    const p = packet(0x30, Buffer.alloc(128));
    expect(p.length).toBe(131);
    expect(scanAll(new PacketSizeScanner({ maxConnectBytes: 64, maxPacketBytes: 131 }), [connect, p])).toBeUndefined();
    expect(scanAll(new PacketSizeScanner({ maxConnectBytes: 64, maxPacketBytes: 130 }), [connect, p])).toBe('packet-too-large');
  });

  it('a remaining-length varint split across chunks is read whole', () => {
    const big = Buffer.concat([Buffer.from([0x30]), varint(300_000)]); // header announces 300 KB
    expect(big.length).toBe(4);
    for (let cut = 1; cut < big.length; cut++) {
      const scanner = new PacketSizeScanner(limits);
      expect(scanner.scan(connect)).toBeUndefined();
      expect(scanner.scan(big.subarray(0, cut)), `cut at ${cut}`).toBeUndefined();
      expect(scanner.scan(big.subarray(cut)), `cut at ${cut}`).toBe('packet-too-large');
    }
  });

  it('a stream cut into single bytes is tracked packet by packet', () => {
    const stream = Buffer.concat([connect, publishPacket('a/b', 'x'.repeat(150)), publishPacket('a/b', 'y'), packetOfSize(0x30, 201)]);
    const scanner = new PacketSizeScanner(limits);
    const bytes = [...stream].map((b) => Buffer.from([b]));
    expect(scanAll(scanner, bytes)).toBe('packet-too-large');
    expect(scanner.completed).toBe(3);
  });

  it('several packets in one chunk are each checked', () => {
    const ok = new PacketSizeScanner(limits);
    expect(ok.scan(Buffer.concat([connect, publishPacket('t', 'a'), Buffer.from([0xc0, 0x00]), publishPacket('t', 'b')]))).toBeUndefined();
    expect(ok.completed).toBe(4);
    const bad = new PacketSizeScanner(limits);
    expect(bad.scan(Buffer.concat([connect, publishPacket('t', 'a'), packetOfSize(0x30, 201), publishPacket('t', 'b')]))).toBe('packet-too-large');
  });

  it('a zero-length packet (PINGREQ) completes at its header', () => {
    const scanner = new PacketSizeScanner(limits);
    expect(scanner.scan(Buffer.concat([connect, Buffer.from([0xc0, 0x00, 0xc0])]))).toBeUndefined();
    expect(scanner.completed).toBe(2);
    expect(scanner.scan(Buffer.from([0x00]))).toBeUndefined();
    expect(scanner.completed).toBe(3);
  });

  it('a remaining length of five bytes is malformed (MQTT 3.1.1 §2.2.3 allows four)', () => {
    const scanner = new PacketSizeScanner({ maxConnectBytes: 2 ** 30, maxPacketBytes: 2 ** 30 });
    expect(scanner.scan(Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x7f]))).toBe('malformed-length');
  });

  it('the largest four-byte length (256 MB) is refused from its header alone', () => {
    expect(new PacketSizeScanner(limits).scan(Buffer.from([0x30, 0xff, 0xff, 0xff, 0x7f]))).toBe('connect-too-large');
  });
});

describe('PacketSizeGuard', () => {
  const connect = connectPacket({ clientId: 'c', username: 'u', password: 'p' });

  /** A guard over a PassThrough standing for the socket; `read()` is what aedes would get. */
  function guarded(connectTimeoutMs = 0) {
    const inner = new PassThrough();
    const refusals: string[] = [];
    const guard = new PacketSizeGuard(inner, { ...limits, connectTimeoutMs, onRefused: (r) => refusals.push(r) });
    guard.on('error', () => {});
    const out: Buffer[] = [];
    guard.on('data', (chunk: Buffer) => out.push(chunk));
    return { inner, guard, refusals, out };
  }
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('passes checked bytes through unchanged', async () => {
    const { inner, out, guard } = guarded();
    const bytes = Buffer.concat([connect, publishPacket('a/b', 'hello')]);
    inner.write(bytes.subarray(0, 5));
    inner.write(bytes.subarray(5));
    await tick();
    expect(Buffer.concat(out)).toEqual(bytes);
    expect(guard.destroyed).toBe(false);
  });

  it('destroys both sides at an oversize header and hands nothing of that packet on', async () => {
    const { inner, out, guard, refusals } = guarded();
    inner.write(connect);
    inner.write(Buffer.concat([Buffer.from([0x30]), varint(10_000_000)]));
    await tick();
    expect(refusals).toEqual(['packet-too-large']);
    expect(guard.destroyed && inner.destroyed).toBe(true);
    expect(Buffer.concat(out)).toEqual(connect);
  });

  it('writes reach the inner stream', async () => {
    const { inner, guard } = guarded();
    const seen: Buffer[] = [];
    inner.on('data', (chunk: Buffer) => seen.push(chunk));
    guard.write(Buffer.from([0x20, 0x02, 0x00, 0x00]));
    await tick();
    // The PassThrough echoes writes to its readable side, which the guard also scans.
    expect(Buffer.concat(seen)).toEqual(Buffer.from([0x20, 0x02, 0x00, 0x00]));
  });

  it('a CONNECT that does not arrive within connectTimeoutMs is dropped; one that does keeps the stream', async () => {
    const slow = guarded(20);
    slow.inner.write(connect.subarray(0, 4));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(slow.refusals).toEqual(['connect-timeout']);
    expect(slow.inner.destroyed).toBe(true);

    const prompt = guarded(20);
    prompt.inner.write(connect);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(prompt.refusals).toEqual([]);
    expect(prompt.guard.destroyed).toBe(false);
    prompt.guard.destroy();
  });

  it('the inner stream ending or closing ends the guard', async () => {
    const { inner, guard } = guarded();
    const ended = new Promise<void>((resolve) => guard.once('close', () => resolve()));
    inner.destroy();
    await ended;
    expect(guard.destroyed).toBe(true);
  });
});
