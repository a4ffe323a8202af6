import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { BUILT_IN_SCENARIOS } from '../../../scenarios/index.js';
import { formatDurationMs } from '../../core/duration.js';
import { DEFENSE_NAMES, PROFILE_NAMES } from '../../defenses/index.js';
import { sweepToHtml } from '../../metrics/render-sweep-html.js';
import { renderSweepTable, sweepToCsv } from '../../metrics/render-sweep.js';
import { reportToJson } from '../../metrics/report.js';
import { checkDefenseList, checkSetDefensesInstalled } from '../../runner/defense-options.js';
import { InputError } from '../../runner/input-error.js';
import { defenseSetList, runSweep, seedList, type SweepOptions } from '../../runner/sweep.js';
import { choiceFlag, intFlag } from '../flags.js';
import { writeOutputsAtomic, type OutputFile } from '../output-files.js';
import { ProgressBar } from '../progress-bar.js';
import { loadScenario } from '../scenario-loader.js';
import { QueueExecutor } from '../queue-executor.js';
import type { RedisConnection } from '../run-queue.js';
import type { WorkerPool } from '../worker-pool.js';
import type { SweepFlagValues } from './sweep.js';

export const SWEEP_HELP = `Usage: smarthome-sim sweep <scenario | ./file.ts> --defenses SETS [options]

Runs the scenario once per defence set and seed, and prints a comparison table: for each
metric and defence set, the mean over the seeds ± the half-width of its 95 % confidence
interval (Student t). Any cell replays exactly with
  smarthome-sim run <scenario> --seed S --defenses SET (same --homes, --duration, --set).

Options:
  --defenses SETS     defence sets to compare, comma-separated; join defences within one set
                      with + (none,lockout,lockout+login-alerts,ring-2020). Names:
                      ${DEFENSE_NAMES.join(', ')};
                      profiles ${PROFILE_NAMES.join(', ')}
  --seeds N|LIST      N seeds starting at --seed (default 10), or a list of distinct seeds: 3,7,11
  --seed N            first seed when --seeds is a count (default 1)
  --homes N           homes in town (default: the scenario's)
  --duration D        simulated time: 90m, 24h, 7d (default: the scenario's)
  --transport T       mqtt | direct | auto (default auto)
  --workers N         runs side by side on N worker threads (default: the available
                      parallelism, ${availableParallelism()} here); 1 runs them one after another
                      in this process. Results are the same for any N.
  --queue URL         enqueue the runs on Redis (redis://HOST:PORT) for \`smarthome-sim worker\`
                      processes on any machines, and collect their results; the table is
                      the same as a local sweep's (docs/distributed-sweeps.md)
  --set key=value     any parameter by dotted name, repeatable; applies to every run
  --json FILE         write every run's metrics and the summaries as JSON
  --csv FILE          write the summaries as CSV (one row per defence set × metric)
  --html FILE         write a self-contained page with the table and SVG bar charts
  -h, --help          this text

Exit codes: 0 success, 2 bad input (the message names the field and the value).`;

/** `--seeds`: a seed listed twice would count one run twice and narrow the confidence interval falsely. */
function distinctSeeds(spec: string, first: number): number[] {
  const seeds = seedList(spec, first);
  const repeated = seeds.find((seed, i) => seeds.indexOf(seed) !== i);
  if (repeated !== undefined) throw new InputError(`--seeds: seed ${repeated} is listed twice in "${spec}"; each seed must be distinct`);
  const last = seeds[seeds.length - 1]!;
  if (!Number.isSafeInteger(last)) throw new InputError(`--seeds: --seed ${first} plus ${seeds.length} seeds passes the largest seed, ${Number.MAX_SAFE_INTEGER}`);
  return seeds;
}

/** This package's version: part of a queued run's id, so workers of another version never share results. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL(import.meta.resolve('smarthome-sim/package.json')), 'utf8')) as { version: string }).version;
}

/** What the light front (sweep.ts) read before loading the simulator, and the pool it started. */
export interface SweepStart {
  values: SweepFlagValues;
  scenarioArg: string;
  workers: number;
  queue: RedisConnection | undefined;
  /** Sized by the front; its threads start with the first run, after every check. */
  pool: WorkerPool | undefined;
}

export async function runSweepCommand({ values, scenarioArg, workers, queue, pool }: SweepStart): Promise<number> {
  const scenario = await loadScenario(scenarioArg);
  const first = intFlag('seed', values.seed, 0, Number.MAX_SAFE_INTEGER) ?? 1;
  const options: SweepOptions = {
    defenseSets: defenseSetList(values.defenses ?? scenario.defaults?.defenses ?? 'none'),
    seeds: distinctSeeds(values.seeds ?? '10', first),
    homes: intFlag('homes', values.homes, 1, 200_000),
    duration: values.duration,
    transport: choiceFlag('transport', values.transport, ['mqtt', 'direct', 'auto'] as const),
    set: values.set ?? [],
  };
  for (const set of options.defenseSets) checkDefenseList(set);
  // The library lets a --set configure a defence that is off; from the CLI it is a slip.
  checkSetDefensesInstalled(options.defenseSets, options.set ?? []);
  const runs = options.defenseSets.length * options.seeds.length;
  console.log(`smarthome-sim sweep ${scenario.name}  defenses=${options.defenseSets.join(',')}  seeds=${options.seeds.length}  runs=${runs}`);
  const threads = Math.min(workers, runs);
  // Workers load the scenario themselves: a built-in by name, a file by its absolute path.
  const scenarioRef = BUILT_IN_SCENARIOS.includes(scenario) ? scenario.name : resolve(scenarioArg);
  const queued = queue ? new QueueExecutor(queue, scenarioRef, packageVersion()) : undefined;
  const progress = new ProgressBar(queued ? `sweeping on ${values.queue}` : threads > 1 ? `sweeping on ${threads} workers` : 'sweeping');
  let result;
  try {
    result = await runSweep(scenario, {
      ...options,
      // One run, or --workers 1: in this thread, as before pools (the front starts none then).
      executor: queued ?? (threads > 1 ? pool?.executorFor(scenarioRef) : undefined),
      onProgress: (p) => progress.update(p.done / p.runs, `${p.defenses} seed ${p.seed} (${p.finished}/${p.runs})`),
    });
  } finally {
    progress.stop();
    await queued?.close();
  }
  console.log('');
  console.log(renderSweepTable(result));
  console.log(`\n${runs} runs of ${formatDurationMs(result.durationMs)} simulated in ${(result.wallMs / 1000).toFixed(1)} s wall`);
  // Render everything first, then write all files or none.
  const outputs: Array<[string | undefined, () => string]> = [
    [values.json, () => reportToJson(result)],
    [values.csv, () => sweepToCsv(result)],
    [values.html, () => sweepToHtml(result)],
  ];
  const files: OutputFile[] = outputs.flatMap(([path, render]) => (path === undefined ? [] : [{ path, contents: render() }]));
  writeOutputsAtomic(files);
  for (const { path } of files) console.log(`wrote ${path}`);
  return 0;
}
