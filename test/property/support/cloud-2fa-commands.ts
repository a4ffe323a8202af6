import type fc from 'fast-check';
import { expect } from 'vitest';
import type { Account } from '../../../simulator/cloud/accounts.js';
import { newTotpSecret } from '../../../simulator/cloud/totp.js';
import { authenticatorCode } from '../../../simulator/defenses/index.js';
import { recordSession, type CloudModel, type CloudReal, type ModelAccount } from './cloud-model-state.js';

/**
 * The second-factor part of the cloud model (INV-CLOUD-3), with `2fa-optional` installed:
 * an owner enrols (SMS or an authenticator app), logs in (LoginRight opens a ticket), types
 * the code or a wrong one, and resets the password while a ticket is open.
 */
type CloudCommand = fc.Command<CloudModel, CloudReal>;

const accountOf = (r: CloudReal, email: string): Account => r.cloud.accounts.findByEmail(email)!;
const byId = (m: CloudModel, id: string): ModelAccount => [...m.accounts.values()].find((a) => a.id === id)!;
const STEP_MS = 30_000;
/** Virtual 0 is the start of a TOTP step (TOTP_EPOCH_OFFSET_MS is a multiple of 30 s). */
const totpStep = (nowMs: number) => Math.floor(nowMs / STEP_MS);

export class EnableTwoFactor implements CloudCommand {
  constructor(readonly email: string, readonly method: 'sms' | 'totp') {}
  check = (m: Readonly<CloudModel>) => m.accounts.get(this.email.toLowerCase())?.factor === null;
  run(m: CloudModel, r: CloudReal): void {
    // Enrolment is the owner's setting (the population sets it the same way at sign-up).
    const account = accountOf(r, this.email);
    account.secondFactor = this.method;
    if (this.method === 'totp') account.totpSecret = newTotpSecret(r.world.rng('test/enrolment'));
    m.accounts.get(this.email.toLowerCase())!.factor = this.method;
  }
  toString = () => `enable2fa(${JSON.stringify(this.email)}, ${this.method})`;
}

/** The owner answers ticket #pick with the right code (from the phone or the app) or a wrong one. */
export class VerifyCode implements CloudCommand {
  constructor(readonly pick: number, readonly right: boolean) {}
  check = (m: Readonly<CloudModel>) => m.tickets.length > 0;
  run(m: CloudModel, r: CloudReal): void {
    const i = this.pick % m.tickets.length;
    const ticket = m.tickets[i]!;
    const account = byId(m, ticket.accountId);
    const real = r.cloud.accounts.get(ticket.accountId)!;
    const rightCode = ticket.method === 'sms' ? r.tickets[i]!.code! : authenticatorCode(r.cloud, real);
    const code = this.right ? rightCode : `${rightCode}0`; // one digit too many: never right
    const result = r.cloud.login.verifySecondFactor(r.tickets[i]!.id, code, { ip: '192.0.2.44', clientFingerprint: 'model', actor: 'owner' });

    let expected: 'ok' | 'second-factor-required' | 'denied';
    if (!ticket.open || m.nowMs >= ticket.expiresAtMs || ticket.epoch !== account.epoch) expected = 'denied';
    else if (this.right && (ticket.method === 'sms' || totpStep(m.nowMs) > (m.lastTotpStep.get(account.id) ?? -Infinity))) expected = 'ok';
    else expected = ticket.wrong + 1 >= m.maxCodeAttempts ? 'denied' : 'second-factor-required';
    expect(result.outcome, `ticket #${i} with the ${this.right ? 'right' : 'wrong'} code`).toBe(expected);

    if (expected === 'ok') {
      recordSession(m, r, account.id, result.session!.token);
      if (ticket.method === 'totp') m.lastTotpStep.set(account.id, totpStep(m.nowMs));
    } else if (expected === 'second-factor-required') {
      ticket.wrong++;
      expect(result.ticket, 'a retry keeps the same ticket').toBe(r.tickets[i]!.id);
    }
    if (expected !== 'second-factor-required') ticket.open = false; // accepted, void, expired or superseded
  }
  toString = () => `verifyCode(ticket #${this.pick}, ${this.right ? 'right' : 'wrong'})`;
}

/** The clock moves to the instant ticket #pick expires, or 1 ms before: the boundary random waits rarely hit. */
export class AdvanceToTicketExpiry implements CloudCommand {
  constructor(readonly pick: number, readonly early: boolean) {}
  private target = (m: Readonly<CloudModel>) => m.tickets[this.pick % m.tickets.length]!.expiresAtMs - (this.early ? 1 : 0);
  check = (m: Readonly<CloudModel>) => m.tickets.length > 0 && this.target(m) > m.nowMs;
  run(m: CloudModel, r: CloudReal): void {
    m.nowMs = this.target(m);
    r.world.scheduler.advanceTo(m.nowMs);
  }
  toString = () => `advanceToExpiry(ticket #${this.pick}${this.early ? ', 1 ms early' : ''})`;
}

/**
 * "Forgot password" while a login is half done (the owner got a code they did not ask for):
 * the new password works, sessions die, and every open ticket of the account is void —
 * even for the right code.
 */
export class ResetPassword implements CloudCommand {
  constructor(readonly email: string, readonly password: string) {}
  check = (m: Readonly<CloudModel>) => m.accounts.has(this.email.toLowerCase());
  run(m: CloudModel, r: CloudReal): void {
    const account = m.accounts.get(this.email.toLowerCase())!;
    r.cloud.changePassword(accountOf(r, this.email), this.password, 'password-reset');
    account.password = this.password;
    account.epoch++;
    for (const h of m.held) if (h.accountId === account.id) h.live = false;
    for (const [i, ticket] of m.tickets.entries()) {
      if (ticket.accountId !== account.id || !ticket.open) continue;
      const code = ticket.method === 'sms' ? r.tickets[i]!.code! : authenticatorCode(r.cloud, accountOf(r, this.email));
      const result = r.cloud.login.verifySecondFactor(r.tickets[i]!.id, code, { ip: '192.0.2.44', clientFingerprint: 'model', actor: 'owner' });
      expect(result.outcome, `ticket #${i} opened before the reset, right code`).toBe('denied');
      ticket.open = false;
    }
  }
  toString = () => `resetPassword(${JSON.stringify(this.email)}, ${JSON.stringify(this.password)})`;
}
