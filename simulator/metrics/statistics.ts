/**
 * Means with Student-t 95 % confidence intervals, for sweeps over seeds and for tests that
 * compare two defence sets (Welch's interval on the difference of means).
 */

/** Two-sided 97.5 % quantiles of Student's t for 1–30 degrees of freedom (standard tables). */
const T975: readonly number[] = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
  2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

const Z975 = 1.959964;

/**
 * t quantile for a 95 % two-sided interval. Table up to 30 degrees of freedom; above, the
 * Cornish–Fisher expansion around the normal quantile (error below 1e-3 from df 30 on).
 * Fractional df (Welch) use the next lower whole df (slightly wider, never narrower).
 */
export function tCritical95(df: number): number {
  if (!(df >= 1)) return Number.NaN;
  const whole = Math.floor(df);
  if (whole <= 30) return T975[whole - 1]!;
  const z = Z975;
  return z + (z ** 3 + z) / (4 * whole) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * whole ** 2);
}

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length > 0 ? sum / values.length : Number.NaN;
}

/** Sample variance (n − 1 in the denominator). */
export function variance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - m) ** 2;
  return sum / (values.length - 1);
}

export interface Summary {
  n: number;
  mean: number;
  /** Half-width of the 95 % interval (0 when n < 2). */
  ci95: number;
  sd: number;
  min: number;
  max: number;
}

/** Mean ± 95 % CI (Student t, n − 1 df) of finite values; nulls (a metric a run could not have) are left out. */
export function summarize(values: ReadonlyArray<number | null | undefined>): Summary | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0) return null;
  const sd = Math.sqrt(variance(xs));
  const ci95 = xs.length > 1 ? tCritical95(xs.length - 1) * (sd / Math.sqrt(xs.length)) : 0;
  return { n: xs.length, mean: mean(xs), ci95, sd, min: Math.min(...xs), max: Math.max(...xs) };
}

export interface Difference {
  /** mean(a) − mean(b). */
  diff: number;
  low: number;
  high: number;
  df: number;
}

/** Welch's 95 % interval for mean(a) − mean(b) (unequal variances). */
export function diffCi95(a: readonly number[], b: readonly number[]): Difference {
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const se = Math.sqrt(va + vb);
  const diff = mean(a) - mean(b);
  if (se === 0) return { diff, low: diff, high: diff, df: Infinity };
  const df = (va + vb) ** 2 / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  const half = tCritical95(df) * se;
  return { diff, low: diff - half, high: diff + half, df };
}
