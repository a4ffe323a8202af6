import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { CellResult, SweepCell, SweepExecutor } from '../runner/sweep.js';
import type { PoolTask } from './pool-worker.js';

/**
 * Runs a sweep's cells on a pool of worker threads (piscina), one run per thread at a time.
 * Each thread loads the scenario itself, by name or file, so a user's scenario file runs there
 * as it does in the CLI. The worker is the compiled pool-worker.js next to this file: the pool
 * runs from dist/, as the CLI does.
 */
export class WorkerPoolExecutor implements SweepExecutor {
  private readonly pool: Piscina<PoolTask, CellResult>;

  constructor(
    private readonly scenario: string,
    threads: number,
  ) {
    this.pool = new Piscina({
      filename: new URL('./pool-worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      // A sweep's tasks come all at once; the queue holds the rest.
      maxQueue: Infinity,
    });
  }

  async run(cell: SweepCell, onFraction: (fraction: number) => void): Promise<CellResult> {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (fraction: number) => onFraction(fraction));
    try {
      return await this.pool.run({ scenario: this.scenario, cell, progress: port2 }, { transferList: [port2] });
    } finally {
      port1.close();
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
