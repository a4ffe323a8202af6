/**
 * Discrete-event scheduler on a virtual clock.
 *
 * Events run in (time, insertion order): two events at the same instant run in the order they
 * were scheduled, which is itself deterministic, so ties never depend on the heap's layout.
 * Time only moves when `runNext()` pops an event; nothing here reads the wall clock.
 */
export type Task = () => void;

export interface TimerHandle {
  readonly id: number;
}

/** A scheduled task; the handle callers get is the entry itself (no lookup table to cancel). */
interface Entry extends TimerHandle {
  readonly task: Task;
  readonly periodMs: number;
  /** Cancelled, or a one-shot that has run: never runs (again). */
  done: boolean;
}

const INITIAL_CAPACITY = 1024;

/**
 * A binary heap ordered by (time, insertion seq). The keys sit in two typed arrays beside the
 * entries: a 10,000-home town keeps ~50,000 timers pending, and comparing keys stored inside
 * scattered entry objects was measured at a tenth of a simulated day, mostly cache misses.
 */
export class Scheduler {
  private nowMs = 0;
  private seq = 0;
  private times = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private entries: Entry[] = [];
  private size = 0;
  private liveCount = 0;
  private nextId = 1;
  /** Events executed so far: a cheap progress and cost measure. */
  executed = 0;

  now(): number {
    return this.nowMs;
  }

  /** Runs `task` at virtual time `timeMs` (never in the past: clamped to now). */
  at(timeMs: number, task: Task): TimerHandle {
    if (!Number.isFinite(timeMs)) throw new RangeError(`at(): timeMs must be finite, got ${timeMs}`);
    return this.push(Math.max(Math.round(timeMs), this.nowMs), task, 0);
  }

  after(delayMs: number, task: Task): TimerHandle {
    if (!(delayMs >= 0)) throw new RangeError(`after(): delayMs must be >= 0, got ${delayMs}`);
    return this.at(this.nowMs + delayMs, task);
  }

  /** Runs `task` every `periodMs`, first at now + (firstDelayMs ?? periodMs). */
  every(periodMs: number, task: Task, firstDelayMs = periodMs): TimerHandle {
    if (!(Math.round(periodMs) > 0)) throw new RangeError(`every(): periodMs must round to >= 1 ms, got ${periodMs}`);
    if (!Number.isFinite(firstDelayMs)) throw new RangeError(`every(): firstDelayMs must be finite, got ${firstDelayMs}`);
    return this.push(Math.max(Math.round(this.nowMs + firstDelayMs), this.nowMs), task, Math.round(periodMs));
  }

  cancel(handle: TimerHandle | undefined): void {
    const entry = handle as Entry | undefined;
    if (!entry || entry.done) return;
    entry.done = true;
    this.liveCount--;
  }

  /** Virtual time of the next pending event, or Infinity. */
  peekTimeMs(): number {
    this.dropCancelled();
    return this.size > 0 ? this.times[0]! : Infinity;
  }

  pending(): number {
    return this.liveCount;
  }

  /** Pops and runs the next event if it is due at or before `limitMs`; returns false otherwise. */
  runNext(limitMs: number): boolean {
    this.dropCancelled();
    if (this.size === 0) return false;
    const timeMs = this.times[0]!;
    if (timeMs > limitMs) return false;
    const top = this.entries[0]!;
    this.popTop();
    this.nowMs = timeMs;
    if (top.periodMs > 0) {
      this.insert(timeMs + top.periodMs, this.seq++, top);
    } else {
      top.done = true;
      this.liveCount--;
    }
    this.executed++;
    top.task();
    return true;
  }

  /** Moves the clock forward to `timeMs` without running anything (end of a run). */
  advanceTo(timeMs: number): void {
    if (timeMs > this.nowMs) this.nowMs = timeMs;
  }

  private push(timeMs: number, task: Task, periodMs: number): TimerHandle {
    const entry: Entry = { id: this.nextId++, task, periodMs, done: false };
    this.liveCount++;
    this.insert(timeMs, this.seq++, entry);
    return entry;
  }

  private dropCancelled(): void {
    while (this.size > 0 && this.entries[0]!.done) this.popTop();
  }

  private insert(timeMs: number, seq: number, entry: Entry): void {
    if (this.size === this.times.length) this.grow();
    this.siftUp(this.size++, timeMs, seq, entry);
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const seqs = new Float64Array(this.seqs.length * 2);
    times.set(this.times);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
  }

  private popTop(): void {
    const last = --this.size;
    const entry = this.entries[last]!;
    this.entries.length = last; // drop the reference: a popped entry must not stay reachable
    if (last > 0) this.siftDown(this.times[last]!, this.seqs[last]!, entry);
  }

  /** Places (timeMs, seq, entry) at or above slot i. */
  private siftUp(i: number, timeMs: number, seq: number, entry: Entry): void {
    const { times, seqs, entries } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent]!;
      if (timeMs > parentTime || (timeMs === parentTime && seq > seqs[parent]!)) break;
      times[i] = parentTime;
      seqs[i] = seqs[parent]!;
      entries[i] = entries[parent]!;
      i = parent;
    }
    times[i] = timeMs;
    seqs[i] = seq;
    entries[i] = entry;
  }

  /** Places (timeMs, seq, entry), taken from the end, at or below the root. */
  private siftDown(timeMs: number, seq: number, entry: Entry): void {
    const { times, seqs, entries } = this;
    const n = this.size;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (times[right]! < times[child]! || (times[right] === times[child] && seqs[right]! < seqs[child]!))) child = right;
      const childTime = times[child]!;
      if (childTime > timeMs || (childTime === timeMs && seqs[child]! > seq)) break;
      times[i] = childTime;
      seqs[i] = seqs[child]!;
      entries[i] = entries[child]!;
      i = child;
    }
    times[i] = timeMs;
    seqs[i] = seq;
    entries[i] = entry;
  }
}
