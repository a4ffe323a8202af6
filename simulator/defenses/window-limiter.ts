/**
 * Sliding-window rate limiter on the world's virtual clock.
 *
 * Why our own: rate-limiter-flexible's RateLimiterMemory (the usual Node choice) reads
 * Date.now() for its windows and expiries and sets wall-clock timers, so it cannot run on
 * virtual time and a simulated day would take a real day. This one takes `nowMs` as an
 * argument and never reads a clock.
 *
 * Exact sliding log, kept small: per key, a ring buffer of the timestamps of the last
 * `limit` admissions. An attempt at `nowMs` is admitted iff fewer than `limit` admissions
 * lie in (nowMs − windowMs, nowMs]; when the ring is full that is the case iff its oldest
 * entry is ≤ nowMs − windowMs, one comparison. Hence, for `nowMs` non-decreasing per key
 * (the world clock never goes back):
 *   - in every half-open interval [a, a + windowMs) at most `limit` attempts are admitted;
 *   - a key whose oldest counted admission is at t0 is admitted again at t0 + windowMs.
 * Refused attempts are not recorded, so hammering a key does not extend its own block.
 * A ring grows by doubling up to `limit` entries, so a key seen once costs one slot, not
 * `limit`; keys idle for a whole window are swept once the number of rings has doubled, so
 * memory follows the keys active in the last window.
 *
 * Keys are dense ids (an IP's `LoginContext.ipId`, an `Account.index`): the rings sit in
 * one typed array indexed through them (ring-pool.ts), not in a Map, because a map lookup
 * over a hundred thousand proxy addresses costs more cache misses than the rest of the
 * check (dense-ids.ts).
 */

import { CAPACITY, FILLED, FIRST, HEAD, REFUSING, RingPool } from './ring-pool.js';

/** Result of `consume`: admitted, refused, or refused and the first refusal since the last admission. */
export const ADMITTED = 0;
export const REFUSED = 1;
export const REFUSED_FIRST = 2;
export type ConsumeResult = typeof ADMITTED | typeof REFUSED | typeof REFUSED_FIRST;

const MIN_SWEEP_SIZE = 4096;

export interface WindowLimiterOptions {
  /** Admissions allowed per window (≥ 1). */
  limit: number;
  /** Window length in virtual milliseconds (≥ 1). */
  windowMs: number;
}

export class SlidingWindowLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly rings = new RingPool();
  private tracked = 0;
  private sweepAtSize = MIN_SWEEP_SIZE;

  constructor(options: WindowLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError(`limit must be an integer ≥ 1, got ${options.limit}`);
    if (!(options.windowMs >= 1)) throw new RangeError(`windowMs must be ≥ 1, got ${options.windowMs}`);
    this.limit = options.limit;
    this.windowMs = options.windowMs;
  }

  /** Admits (and records) an attempt for `key` (a dense id ≥ 0) at `nowMs`, or refuses it. */
  tryAcquire(key: number, nowMs: number): boolean {
    return this.consume(key, nowMs) === ADMITTED;
  }

  /** Like tryAcquire, but also says whether a refusal starts a new refusal episode (for one event per episode). */
  consume(key: number, nowMs: number): ConsumeResult {
    const rings = this.rings;
    let o = rings.offsetOf(key);
    if (o < 0) {
      if (!(Number.isInteger(key) && key >= 0)) throw new RangeError(`limiter key must be a dense id (an integer ≥ 0), got ${key}`);
      // A new key is always admitted (limit ≥ 1): its ring starts with this admission.
      if (this.tracked >= this.sweepAtSize) this.sweep(nowMs);
      o = rings.create(key, Math.min(this.limit, 2));
      rings.data[o + FIRST] = nowMs;
      rings.data[o + FILLED] = 1;
      this.tracked++;
      return ADMITTED;
    }
    let data = rings.data;
    const filled = data[o + FILLED]!;
    if (filled < this.limit) {
      // Not full yet: append, doubling the segment when it has no room left.
      if (filled === data[o + CAPACITY]) {
        o = rings.grow(key, Math.min(this.limit, 2 * filled));
        data = rings.data;
      }
      data[o + FIRST + filled] = nowMs;
      data[o + FILLED] = filled + 1;
    } else {
      // Full: the oldest of the last `limit` admissions (at HEAD) must have left the window.
      const head = data[o + HEAD]!;
      if (data[o + FIRST + head]! > nowMs - this.windowMs) {
        if (data[o + REFUSING] === 1) return REFUSED;
        data[o + REFUSING] = 1;
        return REFUSED_FIRST;
      }
      data[o + FIRST + head] = nowMs;
      data[o + HEAD] = head + 1 === this.limit ? 0 : head + 1;
    }
    data[o + REFUSING] = 0;
    return ADMITTED;
  }

  /** Admissions of `key` that still count at `nowMs` (those in (nowMs − windowMs, nowMs]). */
  count(key: number, nowMs: number): number {
    const o = this.rings.offsetOf(key);
    if (o < 0) return 0;
    const data = this.rings.data;
    let n = 0;
    for (let i = 0; i < data[o + FILLED]!; i++) if (data[o + FIRST + i]! > nowMs - this.windowMs) n++;
    return n;
  }

  /** When `key` will next be admitted (nowMs if it would be admitted now). */
  nextAdmissionMs(key: number, nowMs: number): number {
    const o = this.rings.offsetOf(key);
    const data = this.rings.data;
    if (o < 0 || data[o + FILLED]! < this.limit) return nowMs;
    return Math.max(nowMs, data[o + FIRST + data[o + HEAD]!]! + this.windowMs);
  }

  /** Keys currently tracked. */
  get size(): number {
    return this.tracked;
  }

  /** Forgets keys whose every admission has left the window: their state equals a fresh key's. */
  sweep(nowMs: number): void {
    const rings = this.rings;
    for (let key = 0; key < rings.keyBound; key++) {
      const o = rings.offsetOf(key);
      if (o >= 0 && this.newest(o) <= nowMs - this.windowMs) {
        rings.free(key);
        this.tracked--;
      }
    }
    this.sweepAtSize = Math.max(MIN_SWEEP_SIZE, 2 * this.tracked);
  }

  /** The newest admission in the segment at `o`: the last appended, or the one just before HEAD once full. */
  private newest(o: number): number {
    const data = this.rings.data;
    const filled = data[o + FILLED]!;
    if (filled < this.limit) return data[o + FIRST + filled - 1]!;
    const head = data[o + HEAD]!;
    return data[o + FIRST + (head === 0 ? this.limit - 1 : head - 1)]!;
  }
}
