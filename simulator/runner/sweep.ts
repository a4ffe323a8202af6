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
}

export interface SweepProgress {
  /** Runs finished so far plus the fraction of the current one (0 … runs). */
  done: number;
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

/**
 * Runs the scenario for every defence set × seed, in that order, with the same options a
 * single `run` would get, so `run --seed s --defenses d` reproduces any cell's metrics
 * exactly. Everything is validated before the first run.
 */
export async function runSweep(scenario: ScenarioDefinition, options: SweepOptions): Promise<SweepResult> {
  if (options.defenseSets.length === 0) throw new InputError('--defenses: name at least one defence set');
  if (options.seeds.length === 0) throw new InputError('--seeds: name at least one seed');
  const base = (seed: number, defenses: string): RunOptions => ({ ...options, seed, defenses, onProgress: undefined });
  let homes = 0;
  let durationMs = 0;
  for (const set of options.defenseSets) {
    ({ homes, durationMs } = checkRunOptions(scenario, base(options.seeds[0]!, set)));
    validateRun(scenario, base(options.seeds[0]!, set));
  }
  const params = resolveParams(scenario, base(options.seeds[0]!, options.defenseSets[0]!));
  const wallStart = process.hrtime.bigint(); // wall clock: report only
  const runs = options.defenseSets.length * options.seeds.length;
  const sets: SweepSet[] = [];
  let transport = '';
  let done = 0;
  for (const defenses of options.defenseSets) {
    const set: SweepSet = { defenses, installed: [], runs: [], summary: {} };
    for (const seed of options.seeds) {
      const onProgress = options.onProgress;
      const { report } = await runScenario(scenario, {
        ...base(seed, defenses),
        onProgress: onProgress ? (p) => onProgress({ done: done + p.nowMs / p.endMs, runs, defenses, seed }) : undefined,
      });
      transport = report.transport;
      set.installed = report.defenses;
      set.runs.push({ seed, metrics: report.metrics, eventLog: report.eventLog, wallMs: report.wallMs });
      done++;
      options.onProgress?.({ done, runs, defenses, seed });
    }
    set.summary = summarizeRuns(set.runs);
    sets.push(set);
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: 'smarthome-sim',
    kind: 'sweep',
    scenario: scenario.name,
    homes,
    durationMs,
    transport,
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
