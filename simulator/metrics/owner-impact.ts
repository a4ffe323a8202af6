import type { LoggedEvent } from '../core/event-log.js';
import type { MetricValue } from './recorder.js';

/** Stages that are not defences: a refusal there is the owner's own mistake (a typo, a stale ticket). */
const OWN_MISTAKE_STAGES = new Set(['password', 'second-factor']);

/**
 * What the defences cost real owners, from their login attempts ('cloud.login' with actor
 * 'owner'): refusals by a defence although they typed their password (blocked), accounts
 * locked when they tried (lockouts felt), and every extra step a defence asked of them (a
 * second factor, a bot challenge, a forced password reset, an alert about their own login);
 * and what the attack itself cost them: logins refused because an attacker had changed the
 * account's e-mail.
 */
export class OwnerImpact {
  private attempts = 0;
  private ok = 0;
  private wrongPassword = 0;
  private unknownAddress = 0;
  private blocked = 0;
  private prompts = 0;
  private ownAlerts = 0;
  private readonly lockedOut = new Set<string>();
  private readonly blockedAccounts = new Set<string>();
  /** Accounts with a login alert just sent; the login it was about is logged right after it. */
  private readonly pendingAlerts = new Set<string>();

  login(e: LoggedEvent<'cloud.login'>): void {
    this.attempts++;
    const { outcome, reason, stage, accountId } = e;
    if (outcome === 'ok') {
      this.ok++;
      if (accountId !== null && this.takeAlert(accountId)) this.ownAlerts++;
      return;
    }
    if (outcome === 'denied') {
      if (OWN_MISTAKE_STAGES.has(stage)) {
        if (reason === 'wrong-password') this.wrongPassword++;
        // Owners type their own address (Home.email), so it names no account only after an
        // attacker changed the account's e-mail: the owner is locked out of their own account.
        else if (reason === 'unknown-account') this.unknownAddress++;
        return;
      }
      this.blocked++;
      if (accountId !== null) {
        this.blockedAccounts.add(accountId);
        if (reason === 'account-locked') this.lockedOut.add(accountId);
      }
      return;
    }
    if (reason !== 'wrong-code') this.prompts++;
  }

  alertSent(accountId: string): void {
    this.pendingAlerts.add(accountId);
  }

  /** True (once) when a login alert was just sent for this account. */
  takeAlert(accountId: string): boolean {
    return this.pendingAlerts.delete(accountId);
  }

  finish(): Record<string, MetricValue> {
    return {
      'owners.loginAttempts': this.attempts,
      'owners.loginsOk': this.ok,
      'owners.wrongPasswords': this.wrongPassword,
      'owners.loginsUnknownAddress': this.unknownAddress,
      'owners.loginsBlocked': this.blocked,
      'owners.accountsBlocked': this.blockedAccounts.size,
      'owners.lockedOut': this.lockedOut.size,
      'owners.extraPrompts': this.prompts + this.ownAlerts,
      'owners.alertsOwnLogin': this.ownAlerts,
    };
  }
}
