import { availableParallelism } from 'node:os';
import { InputError } from '../../runner/input-error.js';
import { COMMON_RUN_FLAGS, intFlag, parseFlags } from '../flags.js';
import { checkOutputPaths } from '../output-files.js';
import { parseQueueUrl } from '../run-queue.js';
import { WorkerPool } from '../worker-pool.js';

/**
 * `smarthome-sim sweep`, its front: reads the flags that need no scenario, sizes the worker
 * pool, and only then loads the simulator (sweep-body.ts). The pool's threads start with the
 * first run, after every input has been checked (worker-pool.ts): bad input is refused before
 * any thread loads the simulator.
 */
export const SWEEP_FLAGS = { ...COMMON_RUN_FLAGS, seeds: { type: 'string' }, workers: { type: 'string' }, queue: { type: 'string' } } as const;

/** The sweep's flags as read. */
export type SweepFlagValues = ReturnType<typeof parseFlags<typeof SWEEP_FLAGS>>['values'];

export async function sweepCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, SWEEP_FLAGS);
  if (values.help) {
    console.log((await import('./sweep-body.js')).SWEEP_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new InputError(`sweep: expected one scenario name or file, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}`);
  checkOutputPaths([
    { flag: 'json', path: values.json, extension: '.json' },
    { flag: 'csv', path: values.csv, extension: '.csv' },
    { flag: 'html', path: values.html, extension: '.html' },
  ]);
  const workers = intFlag('workers', values.workers, 1, 1024) ?? availableParallelism();
  const queue = values.queue === undefined ? undefined : parseQueueUrl(values.queue);
  if (queue && values.workers !== undefined) throw new InputError(`--workers: with --queue the runs go to the queue's workers (smarthome-sim worker --workers N), got --workers ${values.workers}`);
  const fewest = fewestRuns(values.defenses, values.seeds);
  // With --defenses given, `fewest` is the sweep's run count; without, the scenario's sets may add runs.
  const oneRun = values.defenses !== undefined && fewest === 1;
  // Threads for the runs the flags promise start with the first run; more start if the scenario's own sets add runs.
  const pool = !queue && workers > 1 && !oneRun ? new WorkerPool(workers, fewest) : undefined;
  try {
    const { runSweepCommand } = await import('./sweep-body.js');
    return await runSweepCommand({ values, scenarioArg: positionals[0]!, workers, queue, pool });
  } finally {
    await pool?.close();
  }
}

/**
 * The fewest runs the flags allow, before the scenario (whose defaults may add defence sets) is
 * loaded: sets × seeds as written, `--seeds` defaulting to 10. Malformed values count as 1 here;
 * the body refuses them with its own message.
 */
function fewestRuns(defenses: string | undefined, seeds: string | undefined): number {
  const sets = defenses === undefined ? 1 : Math.max(1, defenses.split(',').length);
  const spec = (seeds ?? '10').trim();
  const seedCount = /^\d+$/.test(spec) ? Math.max(1, Math.min(Number(spec), 10_000)) : Math.max(1, spec.split(',').length);
  return sets * seedCount;
}
