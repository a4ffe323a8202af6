import type { Principal } from '../core/principals.js';
import type { Account } from './accounts.js';
import type { Session } from './sessions.js';
import type { SecondFactorMethod, SecondFactorTicket } from './second-factor-tickets.js';

/**
 * The contract of the login choke point: what clients send and get back, and what a stage
 * (a defence) may see and decide. The pipeline itself is in login-pipeline.ts.
 */

/**
 * What a client sends to POST /login. The pipeline reads it only while `login` runs (what
 * outlives the call holds a copy), so a client may refill one object for every request.
 */
export interface LoginAttempt {
  email: string;
  password: string;
  ip: string;
  clientFingerprint: string;
  /**
   * Who really sends it, from the principal catalogue (core/principals.ts): ground truth for
   * metrics only, logged as `cloud.login`'s `actor` and held by the session it opens. No
   * stage may read it.
   */
  actor: Principal;
  /** Pass token of a solved bot challenge (simulator/defenses/bot-detection.ts), if the client has one. */
  challengePass?: string;
}

/** What a client sends with a second-factor code: where it comes from (it may differ from the password step). */
export interface SecondFactorSubmission {
  ip: string;
  clientFingerprint: string;
  /** Who really sends the code (core/principals.ts): ground truth for metrics only; no stage may read it. */
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
  /** Set only when outcome is 'second-factor-required': hand it to `verifySecondFactor` with the code. */
  ticket?: string;
  /** With a ticket: where the code is ('sms'/'email': just sent to the owner; 'totp': the owner's authenticator app). */
  secondFactorMethod?: SecondFactorMethod;
}

export interface LoginContext {
  readonly attempt: LoginAttempt;
  readonly account: Account | undefined;
  /**
   * `attempt.ip` as a small number, the same for the same address in this pipeline
   * (dense-ids.ts): stages keyed by IP keep their state in arrays indexed by it.
   */
  readonly ipId: number;
  readonly nowMs: number;
  /** Known after the password stage. */
  passwordOk: boolean;
  latencyMs: number;
}

/** A stage's decision: undefined lets the attempt through; anything else ends it here. */
export type StageVerdict =
  | undefined
  | {
      outcome: Exclude<LoginOutcome, 'ok'>;
      reason: string;
      /** With outcome 'second-factor-required': how the code is delivered and how long the ticket lives. */
      secondFactor?: { method: SecondFactorMethod; ttlMs: number };
    };

/** What a stage says of a second-factor code: accept it, let the client try again, or void the ticket. */
export type SecondFactorCheck = 'accept' | 'retry' | 'void';

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
  /**
   * Before a second-factor code is judged (lockout): a verdict refuses the submission without
   * looking at the code and voids the ticket, so a refusal before the password cannot be
   * sidestepped by a login that was half done when it began.
   */
  beforeSecondFactor?(ctx: LoginContext): StageVerdict;
  /** Told of every final result, with the internal reason (counters, alerts, lockout state); `session` when 'ok'. */
  onResult?(ctx: LoginContext, outcome: LoginOutcome, reason: string, session?: Session): void;
  /** A ticket was opened for this stage's 'second-factor-required' verdict: deliver the code. */
  openSecondFactor?(ticket: SecondFactorTicket): void;
  /** Judges a code submitted for a ticket this stage opened. */
  checkSecondFactor?(ticket: SecondFactorTicket, code: string, nowMs: number): SecondFactorCheck;
}

export interface LoginRecord {
  ctx: LoginContext;
  outcome: LoginOutcome;
  reason: string;
  stage: string;
  session?: Session;
  /** The open ticket, when outcome is 'second-factor-required'. */
  ticket?: SecondFactorTicket;
}

/** Internal reasons the pipeline itself gives (stages add their own). */
export const LOGIN_REASONS = {
  ok: 'ok',
  wrongPassword: 'wrong-password',
  unknownAccount: 'unknown-account',
  secondFactorOk: 'second-factor-ok',
  wrongCode: 'wrong-code',
  tooManyWrongCodes: 'too-many-wrong-codes',
  ticketExpired: 'ticket-expired',
  ticketUnknown: 'ticket-unknown',
  credentialsChanged: 'credentials-changed',
} as const;
