import { availableParallelism } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { InputError } from '../../runner/input-error.js';
import type { CellResult } from '../../runner/sweep.js';
import { intFlag, parseFlags } from '../flags.js';
import { LOCK_DURATION_MS, MAX_STALLED_COUNT, parseQueueUrl, RUN_QUEUE_NAME, STALLED_INTERVAL_MS, type RunJobData } from '../run-queue.js';
import { guardShutdown, untilSignal } from '../signals.js';
import { WorkerPool } from '../worker-pool.js';

export const WORKER_HELP = `Usage: smarthome-sim worker --queue redis://HOST:PORT [options]

Takes sweep runs from a Redis queue (BullMQ) that \`smarthome-sim sweep --queue\` fills, runs
them and sends their results back, until stopped (Ctrl-C). Start one on every machine
that should help; a worker that dies mid-run loses nothing: its run goes back in the queue
and another worker runs it (docs/distributed-sweeps.md).

Options:
  --queue URL         the Redis server: redis://[user:password@]HOST:PORT[/DB]
  --workers N         runs at a time, each on its own thread (default: the available
                      parallelism, ${availableParallelism()} here)
  -h, --help          this text

A scenario file must be at the same absolute path on every worker's machine.
Exit codes: 0 stopped, 2 bad input.`;

export async function workerCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { queue: { type: 'string' }, workers: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    console.log(WORKER_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new InputError(`worker: takes no arguments, got ${positionals.join(' ')}`);
  if (values.queue === undefined) throw new InputError('--queue: name the Redis server, e.g. --queue redis://127.0.0.1:6379');
  const connection = parseQueueUrl(values.queue);
  const threads = intFlag('workers', values.workers, 1, 1024) ?? availableParallelism();
  const pool = new WorkerPool(threads);
  // The run goes to a thread, so this event loop stays free to renew the job's lock.
  const worker = new Worker<RunJobData, CellResult>(
    RUN_QUEUE_NAME,
    async (job: Job<RunJobData, CellResult>) => {
      const { cell } = job.data;
      console.log(`worker: running ${job.id} (${job.data.scenario}, ${cell.defenses}, seed ${cell.seed})`);
      let sent = 0;
      return pool.run(job.data.scenario, cell, (fraction) => {
        if (fraction - sent < 0.05) return;
        sent = fraction;
        void job.updateProgress(fraction);
      });
    },
    { connection, concurrency: threads, lockDuration: LOCK_DURATION_MS, stalledInterval: STALLED_INTERVAL_MS, maxStalledCount: MAX_STALLED_COUNT },
  );
  worker.on('completed', (job) => console.log(`worker: finished ${job.id}`));
  worker.on('failed', (job, error) => console.error(`worker: run ${job?.id ?? '?'} failed: ${error.message}`));
  worker.on('error', (error) => console.error(`worker: ${error.message}`));
  await worker.waitUntilReady();
  console.log(`smarthome-sim worker on ${values.queue}, ${threads} at a time; Ctrl-C stops`);
  await untilSignal(new Promise<never>(() => {}));
  const disarm = guardShutdown();
  await worker.close();
  await pool.close();
  disarm();
  return 0;
}
