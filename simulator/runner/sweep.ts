import { REPORT_SCHEMA_VERSION } from '../metrics/report.js';
import { summarize, type Summary } from '../metrics/statistics.js';
import type { SweepResult, SweepRun, SweepSet } from '../metrics/sweep-result.js';
import { InputError } from './input-error.js';
import { checkRunOptions, resolveParams, runScenario, validateRun, type RunOptions } from './run-scenario.js';
import type { ScenarioDefinition } from './scenario.js';

/** What every run of a sweep shares; the defence set and the seed vary. */
export interface SweepOptions extends Omit<RunOptions, 'seed' | 'defenses' | 'onProgress'> {
  /** Defence sets to compare, each a defence or profile name, or several joined with `+`. */
  defenseSets: readonly string[];
  seeds: readonly number[];
  onProgress?: (progress: SweepProgress) => void;
  /** Where the runs go (worker threads, a queue); default: one after another in this thread. */
  executor?: SweepExecutor;
}

export interface SweepProgress {
  /** Runs finished so far plus the fractions of those under way (0 … runs), across all workers. */
  done: number;
  /** Runs whose result is back (0 … runs). */
  finished: number;
  runs: number;
  defenses: string;
  seed: number;
}

export type { SweepResult, SweepRun, SweepSet } from '../metrics/sweep-result.js';

/** `--seeds 20` → seeds first … first+19 (default first = 1); `--seeds 3,7,11` → those. */
export function seedList(spec: string, first = 1): number[] {
  const text = spec.trim();
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    if (count < 1 || count > 10_000) throw new InputError(`--seeds: expected a count from 1 to 10000 or a list such as 1,2,3, got "${spec}"`);
    return Array.from({ length: count }, (_, i) => first + i);
  }
  const seeds = text.split(',').map((s) => s.trim());
  if (seeds.length < 1 || seeds.some((s) => !/^\d+$/.test(s) || !Number.isSafeInteger(Number(s)))) {
    throw new InputError(`--seeds: expected a count or a comma-separated list of whole numbers, got "${spec}"`);
  }
  return seeds.map(Number);
}

/** Splits `--defenses a,b,c+d` into sets; each must be non-empty. */
export function defenseSetList(spec: string): string[] {
  const sets = spec.split(',').map((s) => s.trim());
  if (sets.length === 0 || sets.some((s) => s.length === 0)) throw new InputError(`--defenses: expected sets separated by commas (join defences in one set with +), got "${spec}"`);
  if (new Set(sets).size !== sets.length) throw new InputError(`--defenses: a set is named twice in "${spec}"`);
  return sets;
}

/** One run of a sweep as plain data, for a worker thread or a queue job: which cell, and its run's options. */
export interface SweepCell {
  /** Position in the sweep: sets in order, seeds in order within a set. */
  index: number;
  defenses: string;
  seed: number;
  options: Omit<RunOptions, 'onProgress'>;
}

/** What a run of a cell gives back, as plain data (structured-cloneable, JSON-safe). */
export interface CellResult {
  metrics: SweepRun['metrics'];
  eventLog: SweepRun['eventLog'];
  wallMs: number;
  transport: string;
  installed: string[];
}

/**
 * Runs cells elsewhere (a worker-thread pool, a queue of machines), any number at a time and
 * finishing in any order; the sweep puts the results back in cell order, so the summary is
 * the serial one. `onFraction` takes the fraction of the cell's run done (0–1).
 */
export interface SweepExecutor {
  run(cell: SweepCell, onFraction: (fraction: number) => void): Promise<CellResult>;
}

/** Runs one cell in this thread: what the serial sweep does per cell, and what every worker does. */
export async function runCell(scenario: ScenarioDefinition, cell: SweepCell, onFraction?: (fraction: number) => void): Promise<CellResult> {
  const { report } = await runScenario(scenario, {
    ...cell.options,
    onProgress: onFraction ? (p) => onFraction(p.nowMs / p.endMs) : undefined,
  });
  return { metrics: report.metrics, eventLog: report.eventLog, wallMs: report.wallMs, transport: report.transport, installed: report.defenses };
}

/** Every cell of a sweep, in order: defence sets in order, each over the seeds in order. */
export function sweepCells(options: SweepOptions): SweepCell[] {
  const { defenseSets, seeds, onProgress: _onProgress, executor: _executor, ...shared } = options;
  return defenseSets.flatMap((defenses, s) => seeds.map((seed, i) => ({ index: s * seeds.length + i, defenses, seed, options: { ...shared, seed, defenses } })));
}

/**
 * Runs the scenario for every defence set × seed, with the same options a single `run` would
 * get, so `run --seed s --defenses d` reproduces any cell's metrics exactly. Everything is
 * validated before the first run. Without an executor the runs go one after another in this
 * thread; with one (worker threads, a queue) they run side by side, and the result is the
 * same: each run depends only on its own options, and results are kept in cell order.
 */
export async function runSweep(scenario: ScenarioDefinition, options: SweepOptions): Promise<SweepResult> {
  if (options.defenseSets.length === 0) throw new InputError('--defenses: name at least one defence set');
  if (options.seeds.length === 0) throw new InputError('--seeds: name at least one seed');
  const cells = sweepCells(options);
  let homes = 0;
  let durationMs = 0;
  for (const cell of cells.filter((c) => c.seed === options.seeds[0])) {
    ({ homes, durationMs } = checkRunOptions(scenario, cell.options));
    validateRun(scenario, cell.options);
  }
  const params = resolveParams(scenario, cells[0]!.options);
  const wallStart = process.hrtime.bigint(); // wall clock: report only
  const runs = cells.length;
  const fractions = new Float64Array(runs);
  let finished = 0;
  const report = (cell: SweepCell, fraction: number, isResult = false): void => {
    // A worker's last progress message may arrive after its result: a run's fraction never goes back.
    if (!isResult && fraction <= fractions[cell.index]!) return;
    fractions[cell.index] = fraction;
    options.onProgress?.({ done: fractions.reduce((a, b) => a + b, 0), finished, runs, defenses: cell.defenses, seed: cell.seed });
  };
  const results: CellResult[] = new Array(runs);
  const executor = options.executor;
  const runOne = async (cell: SweepCell): Promise<void> => {
    // Below 1 until the result is back, however the run's clock rounds.
    const onFraction = (f: number): void => report(cell, Math.min(f, 0.999));
    results[cell.index] = executor ? await executor.run(cell, onFraction) : await runCell(scenario, cell, options.onProgress ? onFraction : undefined);
    finished++;
    report(cell, 1, true);
  };
  if (executor) await Promise.all(cells.map(runOne));
  else for (const cell of cells) await runOne(cell);
  const sets: SweepSet[] = options.defenseSets.map((defenses) => {
    const own = cells.filter((c) => c.defenses === defenses).map((c) => results[c.index]!);
    const set: SweepSet = {
      defenses,
      installed: own[own.length - 1]!.installed,
      runs: own.map((r, i) => ({ seed: options.seeds[i]!, metrics: r.metrics, eventLog: r.eventLog, wallMs: r.wallMs })),
      summary: {},
    };
    set.summary = summarizeRuns(set.runs);
    return set;
  });
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: 'smarthome-sim',
    kind: 'sweep',
    scenario: scenario.name,
    homes,
    durationMs,
    transport: results[runs - 1]!.transport,
    seeds: [...options.seeds],
    params: { ...params.world, ...(params.scenario as object) },
    sets,
    wallMs: Number((process.hrtime.bigint() - wallStart) / 1_000_000n),
  };
}

function summarizeRuns(runs: readonly SweepRun[]): Record<string, Summary | null> {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  return Object.fromEntries(names.map((name) => [name, summarize(runs.map((r) => r.metrics[name]))]));
}
