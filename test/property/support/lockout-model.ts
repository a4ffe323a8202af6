import fc from 'fast-check';

/**
 * The lockout policy of docs/defenses.md ("After `threshold` failed attempts on an account
 * within `windowMs` … refused for `durationMs`, multiplied by `growthFactor` for each
 * repeated lockout up to `maxDurationMs`; a successful login resets it"), written as a small
 * model for INV-LOCK-1 and INV-LOCK-2:
 *   - failures are counted in fixed windows of windowMs: the first window opens at the
 *     account's first failure (or first since a success), the window after a lock opens when
 *     the lock ends, and a failure windowMs or more after its window opened starts a new one;
 *   - the threshold-th failure of a window locks the account until now + min(maxDurationMs,
 *     round(durationMs × growthFactor^k)), k = lockouts since the last success;
 *   - a success forgets everything; a login refused because of the lock is not a failure.
 */
export interface LockoutPolicy {
  threshold: number;
  windowMs: number;
  durationMs: number;
  growthFactor: number;
  maxDurationMs: number;
}

export interface LockEvent {
  atMs: number;
  failures: number;
  durationMs: number;
  untilMs: number;
}

export class LockoutModel {
  /** False until the first failure, and again after a success: the next failure opens a window. */
  private counting = false;
  private fails = 0;
  private windowStartMs = 0;
  lockedUntilMs = 0;
  private lockouts = 0;
  readonly locks: LockEvent[] = [];

  constructor(readonly policy: LockoutPolicy) {}

  isLocked(nowMs: number): boolean {
    return this.lockedUntilMs > nowMs;
  }

  /** When the current counting window closes (for generating arrivals right at its edge). */
  windowEndMs(): number {
    return this.windowStartMs + this.policy.windowMs;
  }

  failure(nowMs: number): void {
    const p = this.policy;
    if (!this.counting || nowMs - this.windowStartMs >= p.windowMs) {
      this.counting = true;
      this.fails = 0;
      this.windowStartMs = nowMs;
    }
    if (++this.fails < p.threshold) return;
    const durationMs = Math.min(p.maxDurationMs, Math.round(p.durationMs * p.growthFactor ** this.lockouts));
    this.lockedUntilMs = nowMs + durationMs;
    this.locks.push({ atMs: nowMs, failures: this.fails, durationMs, untilMs: this.lockedUntilMs });
    this.lockouts++;
    this.fails = 0;
    this.windowStartMs = this.lockedUntilMs;
  }

  success(): void {
    this.counting = false;
    this.fails = 0;
    this.lockedUntilMs = 0;
    this.lockouts = 0;
  }
}

/** Small policies, so that thresholds are reached and locks end within a generated run. */
export const lockoutPolicy: fc.Arbitrary<LockoutPolicy> = fc
  .record({
    threshold: fc.integer({ min: 1, max: 5 }),
    windowMs: fc.integer({ min: 1, max: 100 }),
    durationMs: fc.integer({ min: 1, max: 100 }),
    growthFactor: fc.constantFrom(1, 1.5, 2, 3),
    capSteps: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ capSteps, ...p }) => ({ ...p, maxDurationMs: Math.round(p.durationMs * p.growthFactor ** capSteps) }));
