import type { LoggedEvent } from '../core/event-log.js';
import { isLegitimateUser } from '../core/principals.js';
import type { MetricsRecorder, MetricValue } from './recorder.js';

/** Stages that are not defences: a refusal there is the user's own mistake (a typo, a stale ticket). */
const OWN_MISTAKE_STAGES = new Set(['password', 'second-factor']);

/**
 * What the defences cost the home's legitimate users — by the principal catalogue
 * (core/principals.ts), owners and shared users — from their login attempts ('cloud.login'
 * whose actor is one): refusals by a defence although they typed their password (blocked),
 * accounts locked when they tried (lockouts felt), and every extra step a defence asked of
 * them (a second factor, a bot challenge, a forced password reset, an alert about their own
 * login); and what the attack itself cost them: logins refused because an attacker had
 * changed the account's e-mail. Attackers, staff, services and observers cost nothing here.
 * The report keys keep their historical `owners.` prefix.
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

  constructor(recorder: MetricsRecorder) {
    recorder.on('cloud.login', (e) => this.login(e));
    // A login alert is logged while its login is judged, just before that login: an extra
    // step for the user only if the login was their own (about an attacker's it is a detection).
    recorder.on('defense.login-alert', (e) => this.pendingAlerts.add(e.accountId));
  }

  private login(e: LoggedEvent<'cloud.login'>): void {
    const { outcome, reason, stage, accountId } = e;
    // Whoever logged in, the alert was about this login: it must not wait for the next one.
    const alerted = accountId !== null && this.pendingAlerts.size > 0 && this.pendingAlerts.delete(accountId);
    if (!isLegitimateUser(e.actor)) return;
    this.attempts++;
    if (outcome === 'ok') {
      this.ok++;
      if (alerted) this.ownAlerts++;
      return;
    }
    if (outcome === 'denied') {
      if (OWN_MISTAKE_STAGES.has(stage)) {
        if (reason === 'wrong-password') this.wrongPassword++;
        // Users type their own address (Home.email), so it names no account only after an
        // attacker changed the account's e-mail: the user is locked out of their own account.
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
