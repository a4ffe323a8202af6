import type { SeededRandom } from '../core/random.js';
import type { AccountStore } from './accounts.js';
import type { Session, SessionStore } from './sessions.js';
import type { PasswordHasher } from './password-hasher.js';
import { SecondFactorTickets, type SecondFactorTicket } from './second-factor-tickets.js';
import { DenseIds } from './dense-ids.js';
import { AttemptContext } from './attempt-context.js';
import {
  LOGIN_REASONS,
  type LoginAttempt,
  type LoginContext,
  type LoginOutcome,
  type LoginRecord,
  type LoginResult,
  type LoginStage,
  type SecondFactorSubmission,
  type StageVerdict,
} from './login-stage.js';

// The stage contract lives in login-stage.ts; re-exported so importers of this module keep working.
export * from './login-stage.js';
export type { SecondFactorMethod, SecondFactorTicket } from './second-factor-tickets.js';

/** Told of every final result (`LoginPipeline.onFinish`); `ctx` is valid only during the call. */
export type FinishHook = (ctx: LoginContext, outcome: LoginOutcome, reason: string, stage: string) => void;

/** What the reused context holds between attempts (never read: `reuse` replaces it first). */
const PLACEHOLDER_ATTEMPT: LoginAttempt = Object.freeze({ email: '', password: '', ip: '', clientFingerprint: '', actor: 'attacker', challengePass: undefined });

/** Stage name under which second-factor submissions that never reach a stage are logged. */
const SECOND_FACTOR_STAGE = 'second-factor';

/**
 * The single login choke point: stages around one password check, plus the second step
 * (`verifySecondFactor`) for logins a stage parked behind a second factor.
 *
 * Hot path: `login()` runs once per attempt (1.85 million requests per flagship run), so
 * each hook kind has its own array (no optional-call probing of every stage), and what the
 * garbage collector would otherwise see per request is avoided where no one can tell: one
 * context is reused while no record observer could keep it (a ticket keeps a copy), the
 * cloud's log reads a positional `onFinish` hook instead of a record object, and a result
 * with no session and no ticket is a frozen one shared by every result of its outcome and
 * latency.
 */
export class LoginPipeline {
  private readonly stages: LoginStage[] = [];
  private readonly before: LoginStage[] = [];
  private readonly after: LoginStage[] = [];
  private readonly beforeCode: LoginStage[] = [];
  private readonly resultHooks: LoginStage[] = [];
  private readonly observers: Array<(record: LoginRecord) => void> = [];
  private readonly finishHooks: FinishHook[] = [];
  /** The context `login` reuses (see `contextFor`), and how deep `login` calls are nested now. */
  private readonly shared: AttemptContext;
  private depth = 0;
  /** Frozen results without session or ticket, by outcome, each for the latency it was last made with. */
  private readonly plainResults = new Map<LoginOutcome, LoginResult>();
  /** Client IPs as dense numbers (`LoginContext.ipId`), looked up once per attempt for every stage. */
  readonly ipIds = new DenseIds();
  readonly tickets: SecondFactorTickets;

  constructor(
    private readonly accounts: AccountStore,
    private readonly sessions: SessionStore,
    private readonly hasher: PasswordHasher,
    private readonly now: () => number,
    random?: SeededRandom,
  ) {
    this.tickets = new SecondFactorTickets(random);
    this.shared = new AttemptContext(PLACEHOLDER_ATTEMPT, 0, accounts, this.ipIds);
  }

  use(stage: LoginStage): this {
    this.stages.push(stage);
    if (stage.beforePassword) this.before.push(stage);
    if (stage.afterPassword) this.after.push(stage);
    if (stage.beforeSecondFactor) this.beforeCode.push(stage);
    if (stage.onResult) this.resultHooks.push(stage);
    return this;
  }

  /** Unplugs a stage `use` plugged in (a defence switched off mid-run, defenses/toggle.ts); false if it was not in. */
  remove(stage: LoginStage): boolean {
    const index = this.stages.indexOf(stage);
    if (index < 0) return false;
    for (const list of [this.stages, this.before, this.after, this.beforeCode, this.resultHooks]) {
      const at = list.indexOf(stage);
      if (at >= 0) list.splice(at, 1);
    }
    return true;
  }

  stageNames(): string[] {
    return this.stages.map((s) => s.name);
  }

  /** Ticket ids come from this stream (128 bits each); set by installDefenses from the world's rng. */
  useRandom(random: SeededRandom): void {
    this.tickets.useRandom(random);
  }

  /** Observers see the internal reason; clients only ever see the outcome. */
  observe(observer: (record: LoginRecord) => void): void {
    this.observers.push(observer);
  }

  /**
   * Like `observe`, without a record object: told of every final result, after the stages'
   * onResult hooks and before record observers. The context is valid only during the call
   * (it is reused for the next attempt): read what you need, keep nothing.
   */
  onFinish(hook: FinishHook): void {
    this.finishHooks.push(hook);
  }

  /**
   * One login request. `attempt` is read only during the call: what outlives it (a ticket's
   * context, the context a record observer receives) holds a copy.
   */
  login(attempt: LoginAttempt): LoginResult {
    this.depth++;
    try {
      return this.check(attempt, this.contextFor(attempt));
    } finally {
      this.depth--;
    }
  }

  /**
   * The pipeline's one context, unless someone could keep it past this attempt: a record
   * observer (tests keep records) or an outer `login` still using it (a hook that logs in).
   * A kept context holds a copy of the attempt: a client may refill its request object for
   * the next request (the attack campaign does), so nothing that outlives `login` may hold it.
   */
  private contextFor(attempt: LoginAttempt): AttemptContext {
    if (this.depth === 1 && this.observers.length === 0) return this.shared.reuse(attempt, this.now());
    return new AttemptContext(this.observers.length === 0 ? attempt : { ...attempt }, this.now(), this.accounts, this.ipIds);
  }

  private check(attempt: LoginAttempt, ctx: AttemptContext): LoginResult {
    const before = this.before;
    for (let i = 0; i < before.length; i++) {
      const verdict = before[i]!.beforePassword!(ctx);
      if (verdict !== undefined) return this.conclude(ctx, verdict, before[i]!);
    }
    // Unknown accounts cost the same hash time: response time must not enumerate users.
    ctx.latencyMs += this.hasher.costMs;
    const account = ctx.account;
    ctx.passwordOk = account !== undefined && this.accounts.verifyPassword(account, attempt.password);
    if (!ctx.passwordOk) {
      return this.finish(ctx, 'denied', account ? LOGIN_REASONS.wrongPassword : LOGIN_REASONS.unknownAccount, 'password');
    }
    const after = this.after;
    for (let i = 0; i < after.length; i++) {
      const verdict = after[i]!.afterPassword!(ctx);
      if (verdict !== undefined) return this.conclude(ctx, verdict, after[i]!);
    }
    return this.finish(ctx, 'ok', LOGIN_REASONS.ok, 'password');
  }

  /**
   * Second step of a login parked by 'second-factor-required': `ticket` from that result,
   * `code` as the user typed it. 'ok' mints the session (through `finish`, so alerts and
   * counters see it); a wrong code answers 'second-factor-required' with the same ticket
   * until the issuing stage voids it; a void, expired or unknown ticket answers 'denied'.
   */
  verifySecondFactor(ticketId: string, code: string, from: SecondFactorSubmission): LoginResult {
    const nowMs = this.now();
    const ticket = this.tickets.get(ticketId);
    const first = ticket?.ctx;
    const attempt: LoginAttempt = {
      email: first?.attempt.email ?? '',
      password: '',
      ip: from.ip,
      clientFingerprint: from.clientFingerprint,
      actor: from.actor,
    };
    const ctx = new AttemptContext(attempt, nowMs, this.accounts, this.ipIds, first?.account);
    ctx.passwordOk = first !== undefined;
    if (!ticket) {
      this.tickets.stats.unknown++;
      return this.finish(ctx, 'denied', LOGIN_REASONS.ticketUnknown, SECOND_FACTOR_STAGE);
    }
    const stage = ticket.stage;
    if (nowMs >= ticket.expiresAtMs) {
      this.tickets.close(ticket, 'expired');
      return this.finish(ctx, 'denied', LOGIN_REASONS.ticketExpired, stage.name);
    }
    if (ticket.account.credentialEpoch !== ticket.credentialEpoch) {
      // The password changed since the ticket was opened (the owner reacted): the half-login is void.
      this.tickets.close(ticket, 'voided');
      return this.finish(ctx, 'denied', LOGIN_REASONS.credentialsChanged, stage.name);
    }
    for (const guard of this.beforeCode) {
      // A locked account completes no login, not even one begun before the lock (lockout.ts).
      const verdict = guard.beforeSecondFactor!(ctx);
      if (verdict === undefined) continue;
      this.tickets.close(ticket, 'voided');
      return this.finish(ctx, 'denied', verdict.reason, guard.name);
    }
    const check = stage.checkSecondFactor!(ticket, code, nowMs);
    if (check === 'accept') {
      this.tickets.close(ticket, 'accepted');
      return this.finish(ctx, 'ok', LOGIN_REASONS.secondFactorOk, stage.name);
    }
    this.tickets.stats.wrongCodes++;
    if (check === 'retry') return this.finish(ctx, 'second-factor-required', LOGIN_REASONS.wrongCode, stage.name, ticket);
    this.tickets.close(ticket, 'voided');
    return this.finish(ctx, 'denied', LOGIN_REASONS.tooManyWrongCodes, stage.name);
  }

  /** Ends an attempt with `outcome`; stages that continue a login (second factor) call it too. */
  finish(ctx: LoginContext, outcome: LoginOutcome, reason: string, stage: string, ticket?: SecondFactorTicket): LoginResult {
    let session: Session | undefined;
    if (outcome === 'ok') {
      session = this.sessions.mint(ctx.account!, {
        ip: ctx.attempt.ip,
        clientFingerprint: ctx.attempt.clientFingerprint,
        heldBy: ctx.attempt.actor,
      });
    } else if (outcome === 'denied' && ctx.latencyMs < this.hasher.costMs) {
      // A refusal before the hash (locked account, rate limit) answers as late as a wrong
      // password would: latency must not tell a locked account from a wrong password (ASVS 6.3.8).
      ctx.latencyMs = this.hasher.costMs;
    }
    const hooks = this.resultHooks;
    for (let i = 0; i < hooks.length; i++) hooks[i]!.onResult!(ctx, outcome, reason, session);
    const finishHooks = this.finishHooks;
    for (let i = 0; i < finishHooks.length; i++) finishHooks[i]!(ctx, outcome, reason, stage);
    if (this.observers.length > 0) {
      const record: LoginRecord = { ctx, outcome, reason, stage, session, ticket };
      for (const observer of this.observers) observer(record);
    }
    if (session === undefined && ticket === undefined) return this.plainResult(outcome, ctx.latencyMs);
    return {
      outcome,
      session,
      latencyMs: ctx.latencyMs,
      ticket: ticket?.id,
      secondFactorMethod: ticket?.method,
    };
  }

  /** A result with no session and no ticket: the same frozen object while outcome and latency repeat (nearly always). */
  private plainResult(outcome: LoginOutcome, latencyMs: number): LoginResult {
    let result = this.plainResults.get(outcome);
    if (result === undefined || result.latencyMs !== latencyMs) {
      result = Object.freeze({ outcome, session: undefined, latencyMs, ticket: undefined, secondFactorMethod: undefined });
      this.plainResults.set(outcome, result);
    }
    return result;
  }

  /** A verdict from `stage`; a second-factor verdict first opens the ticket the client will answer. */
  private conclude(ctx: LoginContext, verdict: NonNullable<StageVerdict>, stage: LoginStage): LoginResult {
    if (verdict.outcome !== 'second-factor-required') return this.finish(ctx, verdict.outcome, verdict.reason, stage.name);
    if (!stage.checkSecondFactor || !verdict.secondFactor || !ctx.account) {
      throw new Error(`login stage "${stage.name}" asked for a second factor but cannot check one (needs checkSecondFactor and verdict.secondFactor)`);
    }
    // The ticket outlives this attempt: it keeps a context of its own, never the reused one.
    const kept = ctx instanceof AttemptContext ? ctx.keep() : ctx;
    const ticket = this.tickets.open(kept, ctx.account, stage, verdict.secondFactor.method, ctx.nowMs + verdict.secondFactor.ttlMs);
    stage.openSecondFactor?.(ticket);
    return this.finish(ctx, 'second-factor-required', verdict.reason, stage.name, ticket);
  }
}
