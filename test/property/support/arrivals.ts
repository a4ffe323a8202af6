import fc from 'fast-check';

/**
 * Arrival sequences for the rate-limit properties (INV-RATE-1): which key arrives and how
 * long after the previous arrival. Gaps are drawn as shapes relative to the window, not as
 * raw milliseconds, so that ties, bursts and arrivals right at a window's edge are common
 * whatever window is drawn — and so the shrinker can reduce the window without losing them.
 */
export type Gap = 'tie' | 'burst' | 'edge-1' | 'edge' | 'edge+1' | 'spread';

export interface Arrival {
  /** Index of the key (an IP, an account); small pools make keys collide. */
  key: number;
  gap: Gap;
  /** Extra spread for 'burst' and 'spread'. */
  jitter: number;
}

export interface LimitParams {
  limit: number;
  windowMs: number;
}

export const limitParams: fc.Arbitrary<LimitParams> = fc.record({ limit: fc.integer({ min: 1, max: 6 }), windowMs: fc.integer({ min: 1, max: 60 }) });

/** 'tie' first, with cross-shrinking: the shrinker tends towards it, and a tie is the sharpest burst. */
export const gap: fc.Arbitrary<Gap> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.constant<Gap>('tie'), weight: 4 },
  { arbitrary: fc.constant<Gap>('burst'), weight: 3 },
  { arbitrary: fc.constantFrom<Gap>('edge-1', 'edge', 'edge+1'), weight: 2 },
  { arbitrary: fc.constant<Gap>('spread'), weight: 1 },
);

export function arrivals(keys: number, maxLength = 80): fc.Arbitrary<Arrival[]> {
  return fc.array(fc.record({ key: fc.nat(keys - 1), gap, jitter: fc.nat(1000) }), { maxLength });
}

/** Milliseconds from the previous arrival (never negative: the world clock never goes back). */
export function gapMs(arrival: Pick<Arrival, 'gap' | 'jitter'>, windowMs: number): number {
  switch (arrival.gap) {
    case 'tie':
      return 0;
    case 'burst':
      return 1 + (arrival.jitter % 3);
    case 'edge-1':
      return Math.max(0, windowMs - 1);
    case 'edge':
      return windowMs;
    case 'edge+1':
      return windowMs + 1;
    case 'spread':
      return arrival.jitter % (3 * windowMs + 1);
  }
}

/**
 * The exact sliding log, written the obvious way: an attempt at t is admitted iff fewer than
 * `limit` admissions of its key lie in (t − windowMs, t]; refusals are not recorded.
 */
export class SlidingLogModel {
  private readonly admitted = new Map<string, number[]>();

  constructor(readonly params: LimitParams) {}

  /** Admissions of `key` in (t − windowMs, t]. */
  inWindow(key: string, t: number): number[] {
    return (this.admitted.get(key) ?? []).filter((a) => a > t - this.params.windowMs && a <= t);
  }

  wouldAdmit(key: string, t: number): boolean {
    return this.inWindow(key, t).length < this.params.limit;
  }

  record(key: string, t: number): void {
    const list = this.admitted.get(key) ?? [];
    list.push(t);
    this.admitted.set(key, list);
  }

  /** When `key` is next admitted: when the oldest admission in the window leaves it. */
  nextAdmission(key: string, t: number): number {
    const window = this.inWindow(key, t);
    return window.length < this.params.limit ? t : window[0]! + this.params.windowMs;
  }
}

/**
 * The invariant itself, independent of any model: among `admitted` times (one key, in
 * order), no half-open window [a, a + windowMs) holds more than `limit`. Windows starting at
 * an admission are the tightest, so checking those suffices. Returns the first offending
 * window's admissions, or undefined.
 */
export function overfullWindow(admitted: readonly number[], { limit, windowMs }: LimitParams): number[] | undefined {
  for (let i = 0; i < admitted.length; i++) {
    let j = i;
    while (j < admitted.length && admitted[j]! < admitted[i]! + windowMs) j++;
    if (j - i > limit) return admitted.slice(i, j);
  }
  return undefined;
}
