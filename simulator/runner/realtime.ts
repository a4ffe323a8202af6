import { performance } from 'node:perf_hooks';
import type { World } from '../core/world.js';

/**
 * Live pacing for a world (serve, classroom demos). This is the one place simulation code
 * reads the wall clock: it decides only *when* the world advances, never *what* happens.
 * Every event still runs at its virtual time, in scheduler order, with traffic settled
 * before the clock moves (World.runUntil), so the run does the same things as a batch run
 * of the same seed; only the pacing is real time.
 */

export interface RealtimeOptions {
  /** Virtual milliseconds per wall millisecond: 60 = one simulated minute per second. */
  speed: number;
  /** Wall milliseconds between steps. Default 100: smooth for a watcher, cheap for the CPU. */
  tickMs?: number;
  /** End by itself after this much virtual time (from start). Default: run until stop(). */
  durationMs?: number;
}

/** Why a realtime run ended. */
export type RealtimeEnd = 'stopped' | 'duration';

/**
 * A step never covers more than this many ticks' worth of virtual time. When the world
 * cannot keep up (or the process was suspended), virtual time slips behind the schedule
 * instead of sprinting to catch up: a stop() stays prompt and live watchers see a steady
 * stream rather than a burst. No event is skipped either way.
 */
const MAX_STEP_TICKS = 10;
const DEFAULT_TICK_MS = 100;

/** Runs `world` in scaled real time from the moment it is constructed until stop() or the duration. */
export class RealtimeRunner {
  /** Resolves when the run ends (duration reached or stop()); rejects if the world fails. */
  readonly done: Promise<RealtimeEnd>;
  private stopping = false;
  private wake: (() => void) | undefined;
  private slipped = 0;
  private readonly tickMs: number;

  constructor(private readonly world: World, private readonly options: RealtimeOptions) {
    if (!(options.speed > 0) || !Number.isFinite(options.speed)) throw new RangeError(`speed must be a positive number, got ${options.speed}`);
    this.tickMs = options.tickMs ?? DEFAULT_TICK_MS;
    if (!(this.tickMs > 0)) throw new RangeError(`tickMs must be positive, got ${this.tickMs}`);
    if (options.durationMs !== undefined && !(options.durationMs > 0)) throw new RangeError(`durationMs must be positive, got ${options.durationMs}`);
    this.done = this.loop();
    // Callers await `done` or stop(); a failure must not also surface as an unhandled rejection.
    this.done.catch(() => undefined);
  }

  /** Virtual milliseconds the run has fallen behind its wall-clock schedule, in total. */
  get slippedMs(): number {
    return this.slipped;
  }

  /** Ends the run after the step in progress (never mid-step) and resolves when it has. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.done.catch(() => undefined);
  }

  private async loop(): Promise<RealtimeEnd> {
    const { world } = this;
    const { speed, durationMs } = this.options;
    const wallStart = performance.now(); // wall clock: live pacing only
    const virtualStart = world.now();
    const endMs = durationMs === undefined ? Infinity : virtualStart + durationMs;
    const maxStepMs = Math.max(1, Math.floor(speed * this.tickMs * MAX_STEP_TICKS));
    while (!this.stopping) {
      const wallElapsed = performance.now() - wallStart; // wall clock: live pacing only
      let target = Math.min(endMs, virtualStart + Math.floor(wallElapsed * speed) - this.slipped);
      if (target - world.now() > maxStepMs) {
        this.slipped += target - world.now() - maxStepMs;
        target = world.now() + maxStepMs;
      }
      // One step at a time: the next runUntil starts only after this one has finished.
      if (target > world.now()) await world.runUntil(target);
      if (world.now() >= endMs) return 'duration';
      await this.sleep();
    }
    return 'stopped';
  }

  /** Waits one tick of wall time, or less if stop() is called. */
  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.tickMs); // wall-clock timer: live pacing only
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
