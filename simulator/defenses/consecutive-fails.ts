import { z } from 'zod';
import { DAY_MS, HOUR_MS } from '../core/duration.js';
import type { EventLog } from '../core/event-log.js';
import { LOGIN_REASONS, type LoginContext, type LoginStage } from '../cloud/login-pipeline.js';
import { defineDefense, denied } from './defense.js';
import { PairTable } from '../core/pair-table.js';
import { count, durationMs } from './fields.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    /** An (account, IP) pair reached its consecutive-failure limit and is blocked until `untilMs`. */
    'defense.consecutive-fails-block': { accountId: string; ip: string; failures: number; untilMs: number };
  }
}

/**
 * A pair's state packed into one number, so tracking a new pair (every attempt, under
 * stuffing through rotating proxies) allocates no object:
 *   ≥ 0: counting — windowStartMs × FAIL_SLOTS + failures so far (1 … maxFails − 1);
 *   < 0: blocked until −value.
 * Exact for windowStartMs < 2^53 / FAIL_SLOTS ms (≈ 278 years of virtual time).
 */
const FAIL_SLOTS = 1024;
const MIN_SWEEP_ENTRIES = 4096;

/**
 * `consecutive-fails`: block a username + IP pair for `blockMs` after `maxFails`
 * consecutive wrong passwords; a successful login from that pair resets it.
 *
 * Models the "login endpoint protection" pattern of rate-limiter-flexible's wiki (also in
 * the Node.js Best Practices guide, security section "login rate limit"): `maxConsecutiveFailsByUsernameAndIP = 10`, the
 * counter kept 90 days from the first failure, a one-hour block. Keyed by the pair, it
 * stops one client guessing one account without letting anyone lock the owner out from
 * elsewhere (the owner's own IP keeps its own counter). Against stuffing through rotating
 * proxies it barely fires: each pair is tried once.
 *
 * Only existing accounts are tracked (an unknown e-mail is 'denied' either way, same
 * latency). Cost to real users: an owner who mistypes 10 times from home waits an hour.
 */
export const consecutiveFails = defineDefense({
  name: 'consecutive-fails',
  layer: 'login',
  models: 'rate-limiter-flexible "login endpoint protection" (consecutive fails by username+IP); OWASP ASVS 4.0.3 §2.2.1',
  schema: z.object({ maxFails: count(1, FAIL_SLOTS - 1), windowMs: durationMs(), blockMs: durationMs() }),
  defaults: {
    /** rate-limiter-flexible wiki: maxConsecutiveFailsByUsernameAndIP = 10. */
    maxFails: 10,
    /** Same example: "Store number for 90 days since first fail". */
    windowMs: 90 * DAY_MS,
    /** Node.js Best Practices' version of the example (login-rate-limit.md): blockDuration 1 hour. */
    blockMs: HOUR_MS,
  },
  detects: [{ event: 'defense.consecutive-fails-block', metric: 'detections.consecutiveFailsBlocks' }],
  create(env, params) {
    return new ConsecutiveFails(env.world.log, params);
  },
});

class ConsecutiveFails {
  readonly name = 'consecutive-fails';
  readonly login: LoginStage;
  /**
   * (Account.index, ipId) → packed state: dense ids in one typed table (pair-table.ts), not an
   * "email|ip" key per attempt nor nested maps: this is read on every attempt on a real account.
   */
  private readonly pairs = new PairTable();
  private sweepAtEntries = MIN_SWEEP_ENTRIES;
  private readonly counters = { blocked: 0, blocks: 0, resets: 0 };

  constructor(
    private readonly log: EventLog,
    private readonly params: { maxFails: number; windowMs: number; blockMs: number },
  ) {
    const refusal = denied('consecutive-fails');
    this.login = {
      name: this.name,
      beforePassword: (ctx) => {
        const account = ctx.account;
        if (account === undefined) return undefined;
        const state = this.pairs.get(account.index, ctx.ipId);
        if (state === undefined || state >= 0 || -state <= ctx.nowMs) return undefined;
        this.counters.blocked++;
        return refusal;
      },
      onResult: (ctx, outcome, reason) => {
        // Outcome first: a challenged or rate-limited attempt never needs the account looked up.
        if (outcome === 'ok') this.reset(ctx.account!.index, ctx.ipId);
        else if (reason === LOGIN_REASONS.wrongPassword && ctx.account !== undefined) this.fail(ctx);
      },
    };
  }

  stats(): Record<string, number> {
    return { blocked: this.counters.blocked, blocks: this.counters.blocks, resets: this.counters.resets, trackedPairs: this.pairs.size };
  }

  private fail(ctx: LoginContext): void {
    const account = ctx.account!;
    const nowMs = ctx.nowMs;
    const state = this.pairs.get(account.index, ctx.ipId);
    let fails = 1;
    let windowStartMs = nowMs;
    if (state === undefined) {
      if (this.pairs.size >= this.sweepAtEntries) this.sweep(nowMs);
    } else if (state >= 0 && nowMs - Math.floor(state / FAIL_SLOTS) < this.params.windowMs) {
      fails = (state % FAIL_SLOTS) + 1;
      windowStartMs = Math.floor(state / FAIL_SLOTS);
    } // else: a block that ended, or a window that expired — this failure starts afresh
    if (fails < this.params.maxFails) {
      this.pairs.set(account.index, ctx.ipId, windowStartMs * FAIL_SLOTS + fails);
      return;
    }
    const untilMs = nowMs + this.params.blockMs;
    this.pairs.set(account.index, ctx.ipId, -untilMs);
    this.counters.blocks++;
    this.log.emit('defense.consecutive-fails-block', { accountId: account.id, ip: ctx.attempt.ip, failures: fails, untilMs });
  }

  private reset(accountIndex: number, ipId: number): void {
    if (this.pairs.delete(accountIndex, ipId)) this.counters.resets++;
  }

  /** Forgets pairs that are neither blocked nor inside their counting window: their state equals a fresh pair's. */
  private sweep(nowMs: number): void {
    const windowMs = this.params.windowMs;
    this.pairs.deleteWhere((state) => (state < 0 ? -state <= nowMs : nowMs - Math.floor(state / FAIL_SLOTS) >= windowMs));
    this.sweepAtEntries = Math.max(MIN_SWEEP_ENTRIES, 2 * this.pairs.size);
  }
}
