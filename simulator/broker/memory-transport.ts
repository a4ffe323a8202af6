import { Duplex } from 'node:stream';

/** Counts every write on in-memory links so the world can tell when traffic has stopped. */
export class TrafficMeter {
  activity = 0;
  bytes = 0;
  writes = 0;
}

/**
 * One end of an in-memory, socket-like link. Node 20 has no `stream.duplexPair` (added in
 * 22.6), so this is the few lines it takes: what one end writes, the other end reads, in
 * order, with no sockets, timers or wall clock involved.
 */
export class MemoryEnd extends Duplex {
  peer!: MemoryEnd;

  constructor(private readonly meter: TrafficMeter) {
    super({ allowHalfOpen: false });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.meter.activity++;
    this.meter.writes++;
    this.meter.bytes += chunk.length;
    if (!this.peer.destroyed) this.peer.push(chunk);
    callback();
  }

  override _read(): void {
    // Data is pushed by the peer's _write; nothing to pull.
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.meter.activity++;
    if (!this.peer.destroyed) this.peer.push(null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.meter.activity++;
    const peer = this.peer;
    if (!peer.destroyed) {
      peer.push(null);
      peer.destroy();
    }
    callback(error);
  }
}

/** Two connected ends: [client side, broker side]. */
export function memoryPair(meter: TrafficMeter): [MemoryEnd, MemoryEnd] {
  const a = new MemoryEnd(meter);
  const b = new MemoryEnd(meter);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
