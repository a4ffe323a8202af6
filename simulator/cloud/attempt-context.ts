import type { Account, AccountStore } from './accounts.js';
import type { DenseIds } from './dense-ids.js';
import type { LoginAttempt, LoginContext } from './login-stage.js';

/**
 * The LoginContext the pipeline hands its stages: the account and the IP's dense id are
 * looked up the first time a stage reads them, then kept.
 *
 * Why lazy: each lookup is a hash-map probe that costs two or three cache misses, and under
 * a bot gate most attempts never need them — bot-detection answers 'challenge' from the
 * pass token alone, before any stage asks who the account is. Stages see plain properties
 * (getters on one class, so reads stay monomorphic and inline); stages and hooks that can
 * decide from the outcome or reason first should test those before touching `account`.
 */
export class AttemptContext implements LoginContext {
  passwordOk = false;
  latencyMs = 0;
  private accountValue: Account | undefined = undefined;
  private accountKnown: boolean;
  private ipIdValue = -1;

  constructor(
    /** Mutable only through `reuse` (the pipeline's own context); stages see it read-only. */
    public attempt: LoginAttempt,
    public nowMs: number,
    private readonly accounts: AccountStore,
    private readonly ipIds: DenseIds,
    /** Set when the account is already known (a second-factor step carries it on its ticket). */
    knownAccount?: Account,
  ) {
    this.accountKnown = knownAccount !== undefined;
    this.accountValue = knownAccount;
  }

  /**
   * Starts over for another attempt, as a new context would. The pipeline keeps one context
   * for the attempts nobody can keep a reference to (no record observer, not nested): an
   * object fewer per login request for the garbage collector.
   */
  reuse(attempt: LoginAttempt, nowMs: number): this {
    this.attempt = attempt;
    this.nowMs = nowMs;
    this.passwordOk = false;
    this.latencyMs = 0;
    this.accountValue = undefined;
    this.accountKnown = false;
    this.ipIdValue = -1;
    return this;
  }

  /** A context of its own with this one's state and a copy of its attempt, for what outlives the attempt (a ticket). */
  keep(): AttemptContext {
    const copy = new AttemptContext({ ...this.attempt }, this.nowMs, this.accounts, this.ipIds, this.account);
    copy.passwordOk = this.passwordOk;
    copy.latencyMs = this.latencyMs;
    copy.ipIdValue = this.ipIdValue;
    return copy;
  }

  get account(): Account | undefined {
    if (!this.accountKnown) {
      this.accountValue = this.accounts.findByEmail(this.attempt.email);
      this.accountKnown = true;
    }
    return this.accountValue;
  }

  get ipId(): number {
    if (this.ipIdValue < 0) this.ipIdValue = this.ipIds.idOf(this.attempt.ip);
    return this.ipIdValue;
  }
}
