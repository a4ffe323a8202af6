/** One benchmark figure. `ratio` compares `value` with `baseline` measured in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  /** The goal the figure is checked against, e.g. ">= 0.8x bare aedes". */
  target?: string;
  met?: boolean;
}

/** Wall-clock seconds since `start` (benchmarks only: simulation code never reads the wall clock). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Median of repeated measurements: one noisy repetition must not decide a ratio. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
