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
 * A ring is a plain array that grows by push up to `limit` entries, so a key seen once
 * costs one slot, not `limit`; keys idle for a whole window are swept once the table has
 * doubled, so memory follows the keys active in the last window.
 */

/** Result of `consume`: admitted, refused, or refused and the first refusal since the last admission. */
export const ADMITTED = 0;
export const REFUSED = 1;
export const REFUSED_FIRST = 2;
export type ConsumeResult = typeof ADMITTED | typeof REFUSED | typeof REFUSED_FIRST;

/**
 * One key's ring, flattened into a single array so a check touches one heap object after
 * the map (this limiter runs on every login attempt, against tens of thousands of proxy
 * IPs, and is bound by cache misses):
 *   [HEAD] index of the oldest timestamp once the ring is full (starts at FIRST),
 *   [REFUSING] 1 after a refusal, 0 after an admission (marks refusal episodes),
 *   [FIRST …] admission times, appended until `limit` of them, then overwritten at HEAD.
 */
type Ring = number[];
const HEAD = 0;
const REFUSING = 1;
const FIRST = 2;

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
  private readonly rings = new Map<string, Ring>();
  private sweepAtSize = MIN_SWEEP_SIZE;

  constructor(options: WindowLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError(`limit must be an integer ≥ 1, got ${options.limit}`);
    if (!(options.windowMs >= 1)) throw new RangeError(`windowMs must be ≥ 1, got ${options.windowMs}`);
    this.limit = options.limit;
    this.windowMs = options.windowMs;
  }

  /** Admits (and records) an attempt for `key` at `nowMs`, or refuses it. */
  tryAcquire(key: string, nowMs: number): boolean {
    return this.consume(key, nowMs) === ADMITTED;
  }

  /** Like tryAcquire, but also says whether a refusal starts a new refusal episode (for one event per episode). */
  consume(key: string, nowMs: number): ConsumeResult {
    let ring = this.rings.get(key);
    if (ring === undefined) {
      // A new key is always admitted (limit ≥ 1): its ring starts with this admission.
      if (this.rings.size >= this.sweepAtSize) this.sweep(nowMs);
      this.rings.set(key, [FIRST, 0, nowMs]);
      return ADMITTED;
    }
    if (ring.length - FIRST < this.limit) {
      ring.push(nowMs); // not full yet: append
    } else {
      // Full: the oldest of the last `limit` admissions must have left the window.
      const head = ring[HEAD]!;
      if (ring[head]! > nowMs - this.windowMs) {
        if (ring[REFUSING] === 1) return REFUSED;
        ring[REFUSING] = 1;
        return REFUSED_FIRST;
      }
      ring[head] = nowMs;
      ring[HEAD] = head + 1 === ring.length ? FIRST : head + 1;
    }
    ring[REFUSING] = 0;
    return ADMITTED;
  }

  /** Admissions of `key` that still count at `nowMs` (those in (nowMs − windowMs, nowMs]). */
  count(key: string, nowMs: number): number {
    const ring = this.rings.get(key);
    if (!ring) return 0;
    let n = 0;
    for (let i = FIRST; i < ring.length; i++) if (ring[i]! > nowMs - this.windowMs) n++;
    return n;
  }

  /** When `key` will next be admitted (nowMs if it would be admitted now). */
  nextAdmissionMs(key: string, nowMs: number): number {
    const ring = this.rings.get(key);
    if (!ring || ring.length - FIRST < this.limit) return nowMs;
    return Math.max(nowMs, ring[ring[HEAD]!]! + this.windowMs);
  }

  /** Keys currently tracked. */
  get size(): number {
    return this.rings.size;
  }

  /** Forgets keys whose every admission has left the window: their state equals a fresh key's. */
  sweep(nowMs: number): void {
    for (const [key, ring] of this.rings) {
      if (newest(ring) <= nowMs - this.windowMs) this.rings.delete(key);
    }
    this.sweepAtSize = Math.max(MIN_SWEEP_SIZE, 2 * this.rings.size);
  }
}

/** The newest admission in a ring: the last appended, or the one just before HEAD once it wraps. */
function newest(ring: Ring): number {
  const head = ring[HEAD]!;
  return head === FIRST ? ring[ring.length - 1]! : ring[head - 1]!;
}
