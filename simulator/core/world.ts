import { EventLog, type LogSink } from './event-log.js';
import { SeededRandom } from './random.js';
import { Scheduler } from './scheduler.js';
import { SEEDED_SECRETS, type SecretSource } from './secret-source.js';

/**
 * Something that may have work in flight outside the scheduler (the broker's packets, an
 * actor's pending MQTT round trip). Before the clock moves, the world asks every settler
 * whether it is busy and, if so, waits for `settle()`: messages are delivered at the instant
 * they were sent, never at a later virtual time.
 */
export interface Settler {
  busy(): boolean;
  settle(): Promise<void>;
}

/** Promise hops the runner drains before falling back to a full settle (see settleSoon). */
const MICROTASK_HOPS = 16;

export interface WorldOptions {
  /** Drives every random choice in the run; printed first so any run can be replayed. */
  seed: number;
  /** Keep all events in memory (tests and small runs); large runs keep counts and the hash. */
  retainLog?: boolean;
  /** Receives the event log's JSON lines as they are hashed (EventLogOptions.sink; `run --log`). */
  logSink?: LogSink;
  /**
   * Where credentials come from (see secret-source.ts). Default seeded: reproducible, for
   * simulated runs. A world behind a live listener passes CRYPTOGRAPHIC_SECRETS.
   */
  secrets?: SecretSource;
}

export interface RunProgress {
  nowMs: number;
  endMs: number;
}

/**
 * One simulated world: the only way simulation code reaches time (`now`, `scheduler`) and
 * chance (`rng`), and the only source of credentials (`secrets`). Everything else (broker,
 * cloud, actors) hangs off a World.
 */
export class World {
  readonly seed: number;
  readonly random: SeededRandom;
  readonly scheduler = new Scheduler();
  readonly log: EventLog;
  readonly secrets: SecretSource;
  private readonly streams = new Map<string, SeededRandom>();
  private readonly settlers: Settler[] = [];
  private readonly closers: Array<() => Promise<void> | void> = [];
  private pendingTasks = 0;
  private taskError: unknown;

  constructor(options: WorldOptions) {
    this.seed = options.seed;
    this.random = new SeededRandom(options.seed);
    this.secrets = options.secrets ?? SEEDED_SECRETS;
    this.log = new EventLog(() => this.scheduler.now(), { retain: options.retainLog ?? false, sink: options.logSink });
  }

  now(): number {
    return this.scheduler.now();
  }

  /** The named sub-stream of the world's generator (cached: one generator per name). */
  rng(name: string): SeededRandom {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = this.random.stream(name);
      this.streams.set(name, stream);
    }
    return stream;
  }

  addSettler(settler: Settler): void {
    this.settlers.push(settler);
  }

  /** Registered teardown, run in reverse order by `close()`. */
  onClose(closer: () => Promise<void> | void): void {
    this.closers.push(closer);
  }

  /**
   * Runs an actor's asynchronous flow (connect, subscribe, a command round trip) as part of
   * the current instant: the clock does not move until it finishes. Flows must only await
   * network work, never virtual time (that is what the scheduler is for). A flow that
   * throws fails the run.
   */
  spawn(flow: () => Promise<void>): void {
    this.pendingTasks++;
    flow().then(
      () => this.pendingTasks--,
      (error: unknown) => {
        this.pendingTasks--;
        this.taskError ??= error;
      },
    );
  }

  busy(): boolean {
    if (this.pendingTasks > 0) return true;
    for (const settler of this.settlers) if (settler.busy()) return true;
    return false;
  }

  /** Waits until no settler has work in flight and no spawned flow is pending. */
  async settle(): Promise<void> {
    for (let round = 0; this.busy(); round++) {
      if (round > 1_000_000) throw new Error('world did not settle: a flow or settler stays busy forever');
      let settled = false;
      for (const settler of this.settlers) {
        if (settler.busy()) {
          await settler.settle();
          settled = true;
        }
      }
      if (!settled) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.throwTaskError();
  }

  /**
   * Most in-process work (a retained store, a direct-link flow) finishes within a few
   * promise hops: drain those first and pay for event-loop turns only if work remains.
   */
  private async settleSoon(): Promise<void> {
    for (let hop = 0; hop < MICROTASK_HOPS && this.busy(); hop++) await undefined;
    if (this.busy()) await this.settle();
    else this.throwTaskError();
  }

  private throwTaskError(): void {
    if (this.taskError === undefined) return;
    const error = this.taskError;
    this.taskError = undefined;
    throw error;
  }

  /**
   * Runs events until virtual time `endMs`, settling in-flight traffic before every step
   * of the clock. `onProgress` is called about every `progressEvery` events.
   */
  async runUntil(endMs: number, onProgress?: (p: RunProgress) => void, progressEvery = 50_000): Promise<void> {
    const scheduler = this.scheduler;
    await this.settle();
    let sinceProgress = 0;
    while (scheduler.runNext(endMs)) {
      if (scheduler.peekTimeMs() !== scheduler.now() && this.busy()) {
        // One hop first, inline: the fast path's delivery (one microtask) is the usual work,
        // and an async call per step of the clock is measurable over a simulated day.
        await undefined;
        if (this.busy()) await this.settleSoon();
        else this.throwTaskError();
      }
      if (onProgress && ++sinceProgress >= progressEvery) {
        sinceProgress = 0;
        onProgress({ nowMs: scheduler.now(), endMs });
      }
    }
    await this.settle();
    scheduler.advanceTo(endMs);
  }

  async close(): Promise<void> {
    await this.settle();
    while (this.closers.length > 0) await this.closers.pop()!();
  }
}
