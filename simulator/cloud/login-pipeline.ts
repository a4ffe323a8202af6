import type { Account, AccountStore } from './accounts.js';
import type { Principal, Session, SessionStore } from './sessions.js';
import type { PasswordHasher } from './password-hasher.js';

/** What a client sends to POST /login. */
export interface LoginAttempt {
  email: string;
  password: string;
  ip: string;
  clientFingerprint: string;
  /** Ground truth for metrics only; no stage may read it. */
  actor: Principal;
}

/**
 * Every refusal a client can see. `denied` is the one generic answer for a wrong password,
 * an unknown account and a locked account alike (OWASP ASVS 6.3.8: no user enumeration).
 */
export type LoginOutcome = 'ok' | 'denied' | 'second-factor-required' | 'challenge' | 'password-reset-required';

export interface LoginResult {
  outcome: LoginOutcome;
  /** Set only when outcome is 'ok'. */
  session?: Session;
  /** Virtual time the cloud took to answer (hash cost, tarpits). */
  latencyMs: number;
}

export interface LoginContext {
  readonly attempt: LoginAttempt;
  readonly account: Account | undefined;
  readonly nowMs: number;
  /** Known after the password stage. */
  passwordOk: boolean;
  latencyMs: number;
}

/** A stage's decision: undefined lets the attempt through; anything else ends it here. */
export type StageVerdict = undefined | { outcome: Exclude<LoginOutcome, 'ok'>; reason: string };

/**
 * One defence at the login choke point. Stages run in order; the first verdict wins. A
 * stage never special-cases a scenario: it sees only what a real server would see.
 */
export interface LoginStage {
  readonly name: string;
  /** Before the password is checked (rate limits, lockout): refuses without spending a hash. */
  beforePassword?(ctx: LoginContext): StageVerdict;
  /** After a correct password (second factor, breached-password reset). */
  afterPassword?(ctx: LoginContext): StageVerdict;
  /** Told of every final result, with the internal reason (counters, alerts, lockout state). */
  onResult?(ctx: LoginContext, outcome: LoginOutcome, reason: string): void;
}

export interface LoginRecord {
  ctx: LoginContext;
  outcome: LoginOutcome;
  reason: string;
  stage: string;
  session?: Session;
}

/** The single login choke point: stages around one password check. */
export class LoginPipeline {
  private readonly stages: LoginStage[] = [];
  private readonly observers: Array<(record: LoginRecord) => void> = [];

  constructor(
    private readonly accounts: AccountStore,
    private readonly sessions: SessionStore,
    private readonly hasher: PasswordHasher,
    private readonly now: () => number,
  ) {}

  use(stage: LoginStage): this {
    this.stages.push(stage);
    return this;
  }

  stageNames(): string[] {
    return this.stages.map((s) => s.name);
  }

  /** Observers see the internal reason; clients only ever see the outcome. */
  observe(observer: (record: LoginRecord) => void): void {
    this.observers.push(observer);
  }

  login(attempt: LoginAttempt): LoginResult {
    const account = this.accounts.findByEmail(attempt.email);
    const ctx: LoginContext = { attempt, account, nowMs: this.now(), passwordOk: false, latencyMs: 0 };
    for (const stage of this.stages) {
      const verdict = stage.beforePassword?.(ctx);
      if (verdict) return this.finish(ctx, verdict.outcome, verdict.reason, stage.name);
    }
    // Unknown accounts cost the same hash time: response time must not enumerate users.
    ctx.latencyMs += this.hasher.costMs;
    ctx.passwordOk = account !== undefined && this.accounts.verifyPassword(account, attempt.password);
    if (!ctx.passwordOk) return this.finish(ctx, 'denied', account ? 'wrong-password' : 'unknown-account', 'password');
    for (const stage of this.stages) {
      const verdict = stage.afterPassword?.(ctx);
      if (verdict) return this.finish(ctx, verdict.outcome, verdict.reason, stage.name);
    }
    return this.finish(ctx, 'ok', 'ok', 'password');
  }

  /** Ends an attempt with `outcome`; stages that continue a login (second factor) call it too. */
  finish(ctx: LoginContext, outcome: LoginOutcome, reason: string, stage: string): LoginResult {
    let session: Session | undefined;
    if (outcome === 'ok') {
      session = this.sessions.mint(ctx.account!, {
        ip: ctx.attempt.ip,
        clientFingerprint: ctx.attempt.clientFingerprint,
        heldBy: ctx.attempt.actor,
      });
    }
    for (const s of this.stages) s.onResult?.(ctx, outcome, reason);
    const record: LoginRecord = { ctx, outcome, reason, stage, session };
    for (const observer of this.observers) observer(record);
    return { outcome, session, latencyMs: ctx.latencyMs };
  }
}
