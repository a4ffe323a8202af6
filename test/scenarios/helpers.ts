import { expect } from 'vitest';
import { builtInScenario } from '../../scenarios/index.js';
import { diffCi95, summarize, type Difference } from '../../simulator/metrics/statistics.js';
import type { MetricValue } from '../../simulator/metrics/recorder.js';
import { runScenario, type RunOptions } from '../../simulator/runner/run-scenario.js';
import type { ScenarioDefinition } from '../../simulator/runner/scenario.js';

/** Every statistical claim here is checked over at least this many seeds (the rule). */
export const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);

export function scenario(name: string): ScenarioDefinition {
  return builtInScenario(name);
}

export type Metrics = Record<string, MetricValue>;

/**
 * Runs `name` once per seed with the same options. Small towns and the fast path keep the
 * folder to a few minutes on two cores; the attack logic is the same at any size.
 */
export async function runSeeds(name: string, options: Omit<RunOptions, 'seed'>, seeds: readonly number[] = SEEDS): Promise<Metrics[]> {
  const out: Metrics[] = [];
  for (const seed of seeds) {
    const { report } = await runScenario(scenario(name), { transport: 'direct', ...options, seed });
    out.push(report.metrics);
  }
  return out;
}

export function values(runs: readonly Metrics[], metric: string): number[] {
  return runs.map((m) => {
    const v = m[metric];
    if (typeof v !== 'number') throw new Error(`metric ${metric} is ${String(v)} in a run`);
    return v;
  });
}

/** Welch's 95 % interval for mean(a) − mean(b) of one metric, printed so a failure shows the figures. */
export function difference(a: readonly Metrics[], b: readonly Metrics[], metric: string): Difference & { meanA: number; meanB: number } {
  const xa = values(a, metric);
  const xb = values(b, metric);
  const d = diffCi95(xa, xb);
  const meanA = summarize(xa)!.mean;
  const meanB = summarize(xb)!.mean;
  console.log(`${metric}: ${meanA.toFixed(3)} vs ${meanB.toFixed(3)}; difference ${d.diff.toFixed(3)} [${d.low.toFixed(3)}, ${d.high.toFixed(3)}]`);
  return { ...d, meanA, meanB };
}

/**
 * Paired 95 % interval of the per-seed differences a − b: runs with the same seed share every
 * random stream but the defence's effect (common random numbers), so the pairing removes
 * the seed-to-seed spread and isolates what the defence changed.
 */
export function pairedDifference(a: readonly Metrics[], b: readonly Metrics[], metric: string): { mean: number; low: number; high: number } {
  const xa = values(a, metric);
  const xb = values(b, metric);
  const s = summarize(xa.map((x, i) => x - xb[i]!))!;
  console.log(`${metric}: paired difference ${s.mean.toFixed(3)} ± ${s.ci95.toFixed(3)} (means ${summarize(xa)!.mean.toFixed(3)} vs ${summarize(xb)!.mean.toFixed(3)})`);
  return { mean: s.mean, low: s.mean - s.ci95, high: s.mean + s.ci95 };
}

/** The 95 % interval of one metric's mean lies above zero. */
export function expectPositive(runs: readonly Metrics[], metric: string): void {
  const s = summarize(values(runs, metric))!;
  console.log(`${metric}: ${s.mean.toFixed(4)} ± ${s.ci95.toFixed(4)} (n=${s.n})`);
  expect(s.mean - s.ci95).toBeGreaterThan(0);
}
