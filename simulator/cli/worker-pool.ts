import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { CellResult, SweepCell, SweepExecutor } from '../runner/sweep.js';
import type { PoolTask } from './pool-worker.js';

/**
 * A pool of worker threads (piscina) that runs sweep cells, one run per thread at a time.
 * Each thread loads the scenario itself, by name or file, so a user's scenario file runs there
 * as it does in the CLI. The worker is the compiled pool-worker.js next to this file: the pool
 * runs from dist/, as the CLI does.
 */
export class WorkerPool {
  private pool: Piscina<PoolTask, CellResult> | undefined;

  /**
   * Up to `threads` threads, `startThreads` of them (default `threads`) started together.
   * Nothing starts until the first run is handed over: a sweep checks all its input first,
   * so bad input is refused before any thread loads the simulator.
   */
  constructor(
    readonly threads: number,
    private readonly startThreads = threads,
  ) {}

  private started(): Piscina<PoolTask, CellResult> {
    this.pool ??= new Piscina({
      filename: new URL('./pool-worker.js', import.meta.url).href,
      minThreads: Math.min(this.startThreads, this.threads),
      maxThreads: this.threads,
      // A sweep's tasks come all at once; the queue holds the rest.
      maxQueue: Infinity,
      // A thread started on demand stays to the end of the sweep (close() ends it) rather than
      // being ended the moment it is idle and started again, simulator load and all, for the next run.
      idleTimeout: Infinity,
      // A run leaves sockets and timers closing after its result; piscina's default parks an
      // idle thread in a blocking Atomics.wait, which would hold them up until the next task.
      atomics: 'disabled',
    });
    return this.pool;
  }

  /** Runs `cell` of `scenario` (a built-in's name or a scenario file's absolute path) on a free thread. */
  async run(scenario: string, cell: SweepCell, onFraction: (fraction: number) => void): Promise<CellResult> {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (fraction: number) => onFraction(fraction));
    try {
      return await this.started().run({ scenario, cell, progress: port2 }, { transferList: [port2] });
    } finally {
      port1.close();
    }
  }

  /** The pool as a sweep's executor for one scenario. */
  executorFor(scenario: string): SweepExecutor {
    return { run: (cell, onFraction) => this.run(scenario, cell, onFraction) };
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
