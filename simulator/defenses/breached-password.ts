import { z } from 'zod';
import type { Account } from '../cloud/accounts.js';
import type { Cloud } from '../cloud/cloud.js';
import type { LoginStage } from '../cloud/login-pipeline.js';
import type { EventLog } from '../core/event-log.js';
import { breachCorpus, type BreachCorpus } from './breach-corpus.js';
import { defineDefense } from './defense.js';
import { flag } from './fields.js';
import { installedDefense } from './installed.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    /** A password in the breach corpus was refused at sign-up or change, or forced a reset at login. */
    'defense.breached-password': { accountId: string | null; at: 'signup' | 'change' | 'login' };
  }
}

/**
 * `breached-password`: passwords found in the breach corpus (breach-corpus.ts) are refused
 * when an account is created or its password changed, and a login with one that is
 * otherwise correct ends in 'password-reset-required' instead of a session.
 *
 * Models NIST SP 800-63B §5.1.1.2 ("verifiers SHALL compare the prospective secrets against
 * a list that contains values known to be … compromised", at establishment and change) and
 * OWASP ASVS 4.0.3 §2.1.7 ("passwords submitted during account registration, login, and
 * password change are checked against a set of breached passwords"). The reset at login is
 * the stuffing-specific part: the attacker holds a correct but breached password and gets
 * no session; the reset link goes to the owner's mailbox.
 *
 * Sign-up and change go through `createAccountChecked` / `changePasswordChecked` here
 * (AccountStore.create and Cloud.changePassword do not consult defences). Cost to real
 * users: owners who reused a breached password must pick a new one, at sign-up or at their
 * next login.
 */
export const breachedPassword = defineDefense({
  name: 'breached-password',
  layer: 'login',
  models: 'NIST SP 800-63B §5.1.1.2 (blocklist of compromised passwords); OWASP ASVS 4.0.3 §2.1.7 (checked at registration, login and change)',
  schema: z.object({ checkAtSignup: flag(), checkAtChange: flag(), checkAtLogin: flag() }),
  defaults: {
    /** NIST SP 800-63B §5.1.1.2: SHALL at establishment. */
    checkAtSignup: true,
    /** Same section: SHALL at change. */
    checkAtChange: true,
    /** ASVS 4.0.3 §2.1.7: also at login. */
    checkAtLogin: true,
  },
  detects: [{ event: 'defense.breached-password', metric: 'detections.breachedPasswordResets', when: (e) => e.at === 'login', of: 'hostile-login' }],
  create(env, params) {
    return new BreachedPassword(breachCorpus(env.cloud), env.world.log, params);
  },
});

const RESET_REQUIRED = Object.freeze({ outcome: 'password-reset-required', reason: 'breached-password' } as const);

export class BreachedPassword {
  readonly name = 'breached-password';
  readonly login: LoginStage;
  private readonly counters = { refusedAtSignup: 0, refusedAtChange: 0, resetsForced: 0 };

  constructor(
    private readonly corpus: BreachCorpus,
    private readonly log: EventLog,
    private readonly params: { checkAtSignup: boolean; checkAtChange: boolean; checkAtLogin: boolean },
  ) {
    this.login = {
      name: this.name,
      afterPassword: (ctx) => {
        if (!params.checkAtLogin || !corpus.has(ctx.attempt.password)) return undefined;
        this.counters.resetsForced++;
        log.emit('defense.breached-password', { accountId: ctx.account?.id ?? null, at: 'login' });
        return RESET_REQUIRED;
      },
    };
  }

  /** True when `password` may be set at `at`; counts and logs a refusal. */
  allows(password: string, at: 'signup' | 'change', accountId: string | null): boolean {
    const enabled = at === 'signup' ? this.params.checkAtSignup : this.params.checkAtChange;
    if (!enabled || !this.corpus.has(password)) return true;
    if (at === 'signup') this.counters.refusedAtSignup++;
    else this.counters.refusedAtChange++;
    this.log.emit('defense.breached-password', { accountId, at });
    return false;
  }

  stats(): Record<string, number> {
    return { ...this.counters, corpusSize: this.corpus.size };
  }
}

export type PasswordCheck = { ok: true } | { ok: false; reason: 'breached-password' };

/** Sign-up with the breached-password check (when the defence is on); otherwise plain AccountStore.create. */
export function createAccountChecked(
  cloud: Cloud,
  input: { id: string; email: string; password: string; homeIds: string[]; nowMs: number },
): { ok: true; account: Account } | { ok: false; reason: 'breached-password' } {
  const defense = installedDefense(cloud, 'breached-password') as BreachedPassword | undefined;
  if (defense && !defense.allows(input.password, 'signup', null)) return { ok: false, reason: 'breached-password' };
  return { ok: true, account: cloud.accounts.create(input) };
}

/** Password change with the breached-password check (when the defence is on); revokes sessions like Cloud.changePassword. */
export function changePasswordChecked(cloud: Cloud, account: Account, newPassword: string, by: string): PasswordCheck {
  const defense = installedDefense(cloud, 'breached-password') as BreachedPassword | undefined;
  if (defense && !defense.allows(newPassword, 'change', account.id)) return { ok: false, reason: 'breached-password' };
  cloud.changePassword(account, newPassword, by);
  return { ok: true };
}
