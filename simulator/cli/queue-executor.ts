import { Queue, QueueEvents } from 'bullmq';
import type { CellResult, SweepCell, SweepExecutor } from '../runner/sweep.js';
import { RUN_QUEUE_NAME, runJobId, type RedisConnection, type RunJobData } from './run-queue.js';

/** Finished runs stay in Redis this long, so a restarted sweep collects them instead of running them again; a failed run is removed, so a new sweep tries it again. */
const KEEP_FINISHED_S = 24 * 3600;

/**
 * Runs a sweep's cells as BullMQ jobs on Redis, one job per run, taken by `smarthome-sim worker`
 * processes on any machine; each result comes back as the job's return value. The job id is
 * deterministic (run-queue.ts), so no run is queued or counted twice.
 */
export class QueueExecutor implements SweepExecutor {
  private readonly queue: Queue<RunJobData, CellResult>;
  private readonly events: QueueEvents;
  private readonly progress = new Map<string, (fraction: number) => void>();

  constructor(
    connection: RedisConnection,
    private readonly scenario: string,
    private readonly version: string,
  ) {
    this.queue = new Queue(RUN_QUEUE_NAME, { connection });
    this.events = new QueueEvents(RUN_QUEUE_NAME, { connection });
    this.events.on('progress', ({ jobId, data }) => {
      if (typeof data === 'number') this.progress.get(jobId)?.(data);
    });
  }

  async run(cell: SweepCell, onFraction: (fraction: number) => void): Promise<CellResult> {
    const data: RunJobData = { scenario: this.scenario, cell };
    const jobId = runJobId(data, this.version);
    this.progress.set(jobId, onFraction);
    try {
      await this.events.waitUntilReady();
      const job = await this.queue.add('run', data, { jobId, removeOnComplete: { age: KEEP_FINISHED_S }, removeOnFail: true });
      return (await job.waitUntilFinished(this.events)) as CellResult;
    } finally {
      this.progress.delete(jobId);
    }
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
  }
}
