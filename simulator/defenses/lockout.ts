import { z } from 'zod';
import { DAY_MS, MINUTE_MS } from '../core/duration.js';
import type { EventLog } from '../core/event-log.js';
import type { Account, AccountStore } from '../cloud/accounts.js';
import { reach } from '../cloud/dense-ids.js';
import { LOGIN_REASONS, type LoginContext, type LoginStage } from '../cloud/login-pipeline.js';
import { defineDefense, denied } from './defense.js';
import { count, durationMs, real } from './fields.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    /** An account was locked after `failures` failed attempts, for `durationMs`. */
    'defense.lockout': { accountId: string; failures: number; durationMs: number; untilMs: number };
  }
}

/**
 * `lockout`: after `threshold` failed attempts on an account within `windowMs`, refuse
 * every login to it for `durationMs` (optionally growing by `growthFactor` with each
 * repeated lockout, up to `maxDurationMs`). A successful login resets the count. While
 * locked, second-factor codes are refused too (the open ticket is voided), so a login begun
 * before the lock cannot complete, nor take more guesses, during it.
 *
 * Models NIST SP 800-63B §5.2.2 ("limit consecutive failed authentication attempts on a
 * single subscriber account to no more than 100") and OWASP ASVS 4.0.3 §2.2.1 (soft
 * lockouts). Growth models Microsoft Entra smart lockout (lockout periods lengthen with
 * repeated lockouts). Failures are wrong passwords and wrong second-factor codes: NIST's
 * limit is per authenticator attempt, whichever factor failed.
 *
 * The refusal is the generic 'denied' with the hash latency (ASVS 6.3.8): a locked account
 * is indistinguishable from a wrong password. Cost to real users: anyone who knows an e-mail
 * can lock its owner out (lockout DoS); the owner waits `durationMs`.
 */
export const lockout = defineDefense({
  name: 'lockout',
  layer: 'login',
  models: 'NIST SP 800-63B §5.2.2 (≤ 100 consecutive failures per account); OWASP ASVS 4.0.3 §2.2.1 (soft lockout)',
  schema: z.object({
    threshold: count(1, 100_000),
    windowMs: durationMs(),
    durationMs: durationMs(),
    growthFactor: real(1, 100),
    maxDurationMs: durationMs(),
  }),
  defaults: {
    /** Microsoft security baseline (Windows 10/11): account lockout threshold 10 invalid attempts. */
    threshold: 10,
    /** Same baseline: "reset account lockout counter after" 15 minutes. */
    windowMs: 15 * MINUTE_MS,
    /** Same baseline: lockout duration 15 minutes (CIS Benchmarks: 15 minutes or more). */
    durationMs: 15 * MINUTE_MS,
    /** 1 = fixed duration; > 1 models Entra smart lockout's growing lockout periods. */
    growthFactor: 1,
    maxDurationMs: DAY_MS,
  },
  check: (p) => (p.maxDurationMs < p.durationMs ? `lockout.maxDurationMs (${p.maxDurationMs}) must be ≥ lockout.durationMs (${p.durationMs})` : undefined),
  detects: [{ event: 'defense.lockout', metric: 'detections.lockouts' }],
  create(env, params) {
    return new Lockout(env.world.log, env.cloud.accounts, params);
  },
});

type LockoutParams = { threshold: number; windowMs: number; durationMs: number; growthFactor: number; maxDurationMs: number };

/**
 * Per-account state in parallel arrays indexed by `Account.index` (dense-ids.ts: every
 * login attempt reads it, and arrays of numbers stay in cache where a Map of objects does
 * not). A fresh account is fails 0, windowStartMs −∞ (its first failure opens a window),
 * lockedUntilMs 0, lockouts 0; a successful login puts it back to fresh.
 */
class LockStates {
  readonly fails: number[] = [];
  readonly windowStartMs: number[] = [];
  readonly lockedUntilMs: number[] = [];
  /** Lockouts since the last successful login (drives the growth). */
  readonly lockouts: number[] = [];

  /** Makes `index` addressable; slots past the end are fresh accounts. */
  ensure(index: number): void {
    reach(this.fails, index, 0);
    reach(this.windowStartMs, index, -Infinity);
    reach(this.lockedUntilMs, index, 0);
    reach(this.lockouts, index, 0);
  }

  reset(index: number): void {
    if (index >= this.fails.length) return;
    this.fails[index] = 0;
    this.windowStartMs[index] = -Infinity;
    this.lockedUntilMs[index] = 0;
    this.lockouts[index] = 0;
  }

  lockedUntil(index: number): number {
    return index < this.lockedUntilMs.length ? this.lockedUntilMs[index]! : 0;
  }
}

class Lockout {
  readonly name = 'lockout';
  readonly login: LoginStage;
  private readonly states = new LockStates();
  private readonly counters = { blocked: 0, lockouts: 0, failuresCounted: 0 };

  constructor(private readonly log: EventLog, private readonly accounts: AccountStore, private readonly params: LockoutParams) {
    const refusal = denied('account-locked');
    const refuseIfLocked = (ctx: LoginContext) => {
      if (ctx.account === undefined || this.states.lockedUntil(ctx.account.index) <= ctx.nowMs) return undefined;
      this.counters.blocked++;
      return refusal;
    };
    this.login = {
      name: this.name,
      beforePassword: refuseIfLocked,
      // Codes too: otherwise tickets opened before the lock keep taking guesses (and can
      // complete a login) while the account is locked (found by INV-LOCK-3).
      beforeSecondFactor: refuseIfLocked,
      onResult: (ctx, outcome, reason) => {
        // Outcome first: a challenged or rate-limited attempt never needs the account looked up.
        if (outcome === 'ok') this.states.reset(ctx.account!.index);
        else if (isFailure(reason) && ctx.account !== undefined) this.fail(ctx.account, ctx.nowMs);
      },
    };
  }

  /** Whether the account is locked at `nowMs` (for tests and dashboards; the stage answers 'denied'). */
  isLocked(accountId: string, nowMs: number): boolean {
    const account = this.accounts.get(accountId);
    return account !== undefined && this.states.lockedUntil(account.index) > nowMs;
  }

  stats(): Record<string, number> {
    return { blocked: this.counters.blocked, lockouts: this.counters.lockouts, failuresCounted: this.counters.failuresCounted };
  }

  private fail(account: Account, nowMs: number): void {
    this.counters.failuresCounted++;
    const i = account.index;
    const s = this.states;
    s.ensure(i);
    if (nowMs - s.windowStartMs[i]! >= this.params.windowMs) {
      s.fails[i] = 0;
      s.windowStartMs[i] = nowMs;
    }
    const failures = ++s.fails[i]!;
    if (failures < this.params.threshold) return;
    const p = this.params;
    const durationMs = Math.min(p.maxDurationMs, Math.round(p.durationMs * p.growthFactor ** s.lockouts[i]!));
    const untilMs = nowMs + durationMs;
    s.lockedUntilMs[i] = untilMs;
    s.lockouts[i]!++;
    s.fails[i] = 0;
    s.windowStartMs[i] = untilMs;
    this.counters.lockouts++;
    this.log.emit('defense.lockout', { accountId: account.id, failures, durationMs, untilMs });
  }
}

function isFailure(reason: string): boolean {
  return reason === LOGIN_REASONS.wrongPassword || reason === LOGIN_REASONS.wrongCode || reason === LOGIN_REASONS.tooManyWrongCodes;
}
