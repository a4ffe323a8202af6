import { DAY_MS, HOUR_MS } from '../simulator/core/duration.js';
import type { SeededRandom } from '../simulator/core/random.js';

/**
 * When a doorbell sees motion or a ring: a non-homogeneous Poisson process whose rate follows
 * the hour of the day (deliveries and commuters by day, little at night).
 *
 * The hourly shape is an assumption of this simulator, not a published figure: vendors do not
 * publish per-hour event curves. The daily means are overridable scenario parameters
 * (`doorbell.motionPerDay`, `doorbell.dingsPerDay`).
 */
export const HOURLY_WEIGHTS: readonly number[] = [
  // 00   01   02   03   04   05   06   07   08   09   10   11
  0.15, 0.1, 0.08, 0.08, 0.1, 0.25, 0.6, 1.2, 1.5, 1.3, 1.4, 1.5,
  // 12   13   14   15   16   17   18   19   20   21   22   23
  1.6, 1.5, 1.5, 1.7, 2.0, 2.1, 1.9, 1.5, 1.1, 0.7, 0.4, 0.25,
];

const WEIGHT_SUM = HOURLY_WEIGHTS.reduce((a, b) => a + b, 0);
const WEIGHT_MAX = Math.max(...HOURLY_WEIGHTS);

export class ActivityProfile {
  /** Events per virtual millisecond at the busiest hour. */
  private readonly peakRatePerMs: number;

  /** `meanPerDay` events a day on average, shaped by HOURLY_WEIGHTS. */
  constructor(readonly meanPerDay: number) {
    if (!(meanPerDay >= 0)) throw new RangeError(`meanPerDay must be >= 0, got ${meanPerDay}`);
    this.peakRatePerMs = ((meanPerDay / DAY_MS) * WEIGHT_MAX * 24) / WEIGHT_SUM;
  }

  /** Relative rate at virtual time `timeMs` (1 = the daily average). */
  rateFactorAt(timeMs: number): number {
    const hour = Math.floor((timeMs % DAY_MS) / HOUR_MS);
    return (HOURLY_WEIGHTS[hour]! * 24) / WEIGHT_SUM;
  }

  /**
   * Virtual time of the next event after `fromMs` (Lewis–Shedler thinning), or Infinity
   * if the rate is zero. `scale` multiplies the rate (a device's own busyness, sensitivity).
   */
  nextAfter(fromMs: number, random: SeededRandom, scale = 1): number {
    const peak = this.peakRatePerMs * scale;
    if (peak <= 0) return Infinity;
    let t = fromMs;
    for (let guard = 0; guard < 10_000; guard++) {
      t += random.exponential(1 / peak);
      const hour = Math.floor((t % DAY_MS) / HOUR_MS);
      if (random.float() * WEIGHT_MAX < HOURLY_WEIGHTS[hour]!) return Math.ceil(t);
    }
    return Infinity;
  }
}
