import { createHash } from 'node:crypto';
import { median } from './bench-result.js';

/**
 * The bare discrete-event floor (issue 18): the least a simulator of this kind does per event,
 * to hold the town and the flagship against. A binary heap on a virtual clock, a seeded sfc32
 * generator, one small event object and a switch dispatch per event, and a fixed 32-byte
 * binary log record per event hashed with SHA-256 in 64 KiB chunks. No broker, no cloud, no
 * strings: what is left when everything a simulated world adds is taken away.
 *
 * Written by hand on purpose: a library scheduler would measure that library, and the floor
 * must be the same code on every run of the bench.
 */

const RECORD_BYTES = 32;
const CHUNK_BYTES = 64 * 1024;

interface FloorEvent {
  atMs: number;
  kind: number;
  subject: number;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), 32-bit state words. */
function sfc32(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** A binary min-heap of events by time (ties by insertion, as the world's scheduler orders them). */
class EventHeap {
  private readonly items: FloorEvent[] = [];
  private readonly order: number[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  push(event: FloorEvent): void {
    const items = this.items;
    const order = this.order;
    let i = items.length;
    items.push(event);
    order.push(this.counter++);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): FloorEvent {
    const items = this.items;
    const top = items[0]!;
    const lastItem = items.pop()!;
    const lastOrder = this.order.pop()!;
    if (items.length > 0) {
      items[0] = lastItem;
      this.order[0] = lastOrder;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && this.before(right, left) ? right : left;
        if (!this.before(child, i)) break;
        this.swap(i, child);
        i = child;
      }
    }
    return top;
  }

  private before(i: number, j: number): boolean {
    const a = this.items[i]!.atMs;
    const b = this.items[j]!.atMs;
    return a < b || (a === b && this.order[i]! < this.order[j]!);
  }

  private swap(i: number, j: number): void {
    const item = this.items[i]!;
    this.items[i] = this.items[j]!;
    this.items[j] = item;
    const order = this.order[i]!;
    this.order[i] = this.order[j]!;
    this.order[j] = order;
  }
}

/** Runs `events` events over `actors` actors; returns the wall milliseconds and the log's hash. */
export function runEventFloor(events: number, actors: number, seed = 1): { wallMs: number; sha256: string } {
  const started = process.hrtime.bigint(); // wall clock: bench only
  const random = sfc32(seed);
  const heap = new EventHeap();
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(CHUNK_BYTES);
  let used = 0;
  for (let actor = 0; actor < actors; actor++) heap.push({ atMs: random() % 60_000, kind: actor % 3, subject: actor });
  for (let done = 0; done < events; done++) {
    const event = heap.pop();
    let delayMs: number;
    // Three kinds of work, as a town has devices, apps and attackers.
    switch (event.kind) {
      case 0:
        delayMs = 1_000 + (random() % 600_000);
        break;
      case 1:
        delayMs = 10_000 + (random() % 3_600_000);
        break;
      default:
        delayMs = 1 + (random() % 1_000);
    }
    if (used + RECORD_BYTES > CHUNK_BYTES) {
      hash.update(chunk.subarray(0, used));
      used = 0;
    }
    chunk.writeDoubleLE(event.atMs, used);
    chunk.writeUInt32LE(event.kind, used + 8);
    chunk.writeUInt32LE(event.subject, used + 12);
    chunk.writeUInt32LE(delayMs, used + 16);
    chunk.writeUInt32LE(done, used + 20);
    chunk.writeDoubleLE(0, used + 24);
    used += RECORD_BYTES;
    heap.push({ atMs: event.atMs + delayMs, kind: event.kind, subject: event.subject });
  }
  hash.update(chunk.subarray(0, used));
  return { wallMs: Number(process.hrtime.bigint() - started) / 1e6, sha256: hash.digest('hex') };
}

/** The floor's wall time for `events` events (median of `repetitions`); every repetition must hash alike. */
export function eventFloorMs(events: number, actors: number, repetitions = 3): number {
  const runs = Array.from({ length: repetitions }, () => runEventFloor(events, actors));
  if (new Set(runs.map((r) => r.sha256)).size !== 1) throw new Error('event floor: repetitions gave different hashes');
  return median(runs.map((r) => r.wallMs));
}
