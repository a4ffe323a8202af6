import { z } from 'zod';
import { DAY_MS, MINUTE_MS } from '../core/duration.js';
import type { EventLog } from '../core/event-log.js';
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
  create(env, params) {
    return new Lockout(env.world.log, params);
  },
});

interface LockState {
  fails: number;
  windowStartMs: number;
  lockedUntilMs: number;
  /** Lockouts since the last successful login (drives the growth). */
  lockouts: number;
}

type LockoutParams = { threshold: number; windowMs: number; durationMs: number; growthFactor: number; maxDurationMs: number };

class Lockout {
  readonly name = 'lockout';
  readonly stage: LoginStage;
  private readonly states = new Map<string, LockState>();
  private readonly counters = { blocked: 0, lockouts: 0, failuresCounted: 0 };

  constructor(private readonly log: EventLog, private readonly params: LockoutParams) {
    const refusal = denied('account-locked');
    const refuseIfLocked = (ctx: LoginContext) => {
      if (ctx.account === undefined) return undefined;
      const state = this.states.get(ctx.account.id);
      if (state === undefined || state.lockedUntilMs <= ctx.nowMs) return undefined;
      this.counters.blocked++;
      return refusal;
    };
    this.stage = {
      name: this.name,
      beforePassword: refuseIfLocked,
      // Codes too: otherwise tickets opened before the lock keep taking guesses (and can
      // complete a login) while the account is locked (found by INV-LOCK-3).
      beforeSecondFactor: refuseIfLocked,
      onResult: (ctx, outcome, reason) => {
        const account = ctx.account;
        if (account === undefined) return;
        if (outcome === 'ok') this.states.delete(account.id);
        else if (isFailure(reason)) this.fail(account.id, ctx.nowMs);
      },
    };
  }

  /** Whether the account is locked at `nowMs` (for tests and dashboards; the stage answers 'denied'). */
  isLocked(accountId: string, nowMs: number): boolean {
    const state = this.states.get(accountId);
    return state !== undefined && state.lockedUntilMs > nowMs;
  }

  stats(): Record<string, number> {
    return { blocked: this.counters.blocked, lockouts: this.counters.lockouts, failuresCounted: this.counters.failuresCounted };
  }

  private fail(accountId: string, nowMs: number): void {
    this.counters.failuresCounted++;
    let state = this.states.get(accountId);
    if (state === undefined) {
      state = { fails: 0, windowStartMs: nowMs, lockedUntilMs: 0, lockouts: 0 };
      this.states.set(accountId, state);
    } else if (nowMs - state.windowStartMs >= this.params.windowMs) {
      state.fails = 0;
      state.windowStartMs = nowMs;
    }
    if (++state.fails < this.params.threshold) return;
    const p = this.params;
    const durationMs = Math.min(p.maxDurationMs, Math.round(p.durationMs * p.growthFactor ** state.lockouts));
    const failures = state.fails;
    state.lockedUntilMs = nowMs + durationMs;
    state.lockouts++;
    state.fails = 0;
    state.windowStartMs = state.lockedUntilMs;
    this.counters.lockouts++;
    this.log.emit('defense.lockout', { accountId, failures, durationMs, untilMs: state.lockedUntilMs });
  }
}

function isFailure(reason: string): boolean {
  return reason === LOGIN_REASONS.wrongPassword || reason === LOGIN_REASONS.wrongCode || reason === LOGIN_REASONS.tooManyWrongCodes;
}
