import { performance } from 'node:perf_hooks';
import type { LoginResult } from '../cloud/login-stage.js';
import { DefenseToggles } from '../defenses/toggle.js';
import type { AssembledRun } from '../runner/assemble.js';
import type { ScenarioDefinition } from '../runner/scenario.js';
import { applyAction, type ActionRequest, assembleDemoRun, REPLAY_FORMAT, type ReplayAction, type ReplayFile } from './replay.js';

/** What a demo town is made of; `reset` may change the scenario, seed and defences. */
export interface DemoConfig {
  scenario: ScenarioDefinition;
  seed: number;
  homes: number;
  defenses: string | undefined;
  set: string[];
}

/** Wall milliseconds between steps: smooth on a projector, cheap on a laptop (as RealtimeRunner). */
const TICK_MS = 100;
/** A step never covers more than this many ticks of virtual time; a slow world slips, never sprints. */
const MAX_STEP_TICKS = 10;

/**
 * One live town of the classroom: the clock paced in scaled real time with pause, step and
 * speed, and every person's action (a toggle, an HTTP login) queued on the same chain as the
 * clock's steps, so each runs between two steps at a definite virtual time and is recorded
 * for the replay file. Pacing is the only thing that reads the wall clock (realtime.ts).
 */
export class DemoTown {
  paused = false;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly actions: ReplayAction[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastWall = 0;
  private stopped = false;

  private constructor(readonly config: DemoConfig, readonly run: AssembledRun, readonly toggles: DefenseToggles, public speed: number) {}

  static async create(config: DemoConfig, speed: number): Promise<DemoTown> {
    const run = await assembleDemoRun(config.scenario, config);
    await run.start();
    return new DemoTown(config, run, new DefenseToggles(run.sim.cloud, run.sim.world, run.sim.broker), speed);
  }

  get nowMs(): number {
    return this.run.sim.world.now();
  }

  /** Starts pacing the clock (call once; stop() ends it). */
  startClock(): void {
    this.lastWall = performance.now(); // wall clock: live pacing only
    this.timer = setInterval(() => void this.tick(), TICK_MS); // wall-clock timer: live pacing only
  }

  /** Runs `work` between two steps of the clock, never during one. */
  exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Applies and records an action at the current virtual time. */
  apply(act: ActionRequest): Promise<LoginResult | boolean> {
    return this.exclusive(() => {
      const recorded = { ...act, atMs: this.nowMs } as ReplayAction;
      const result = applyAction(this.run, this.toggles, recorded);
      // A toggle that changed nothing wrote no event and need not be replayed.
      if (result !== false) this.actions.push(recorded);
      return result;
    });
  }

  /** Advances the clock by `ms` of virtual time at once (the page's "step", while paused). */
  step(ms: number): Promise<void> {
    return this.exclusive(() => this.run.sim.world.runUntil(this.nowMs + ms));
  }

  /** The replay file of the demo so far, with its event-log hash, taken between steps. */
  replayFile(): Promise<ReplayFile> {
    return this.exclusive(() => ({
      format: REPLAY_FORMAT,
      scenario: this.config.scenario.name,
      seed: this.config.seed,
      homes: this.config.homes,
      ...(this.config.defenses !== undefined ? { defenses: this.config.defenses } : {}),
      set: [...this.config.set],
      durationMs: this.nowMs,
      actions: this.actions.map((a) => ({ ...a })),
      eventLogSha256: this.run.sim.world.log.digest(),
    }));
  }

  /** Stops the clock after the step in progress, then the world. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    await this.exclusive(() => this.run.sim.stop());
  }

  private busy = false;

  private async tick(): Promise<void> {
    const wall = performance.now(); // wall clock: live pacing only
    const elapsed = wall - this.lastWall;
    this.lastWall = wall;
    if (this.paused || this.busy || this.stopped) return;
    this.busy = true;
    try {
      const advance = Math.max(1, Math.min(Math.floor(elapsed * this.speed), Math.floor(this.speed * TICK_MS * MAX_STEP_TICKS)));
      await this.exclusive(() => (this.stopped ? undefined : this.run.sim.world.runUntil(this.nowMs + advance)));
    } finally {
      this.busy = false;
    }
  }
}
