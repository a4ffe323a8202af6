import { botDetection } from './bot-detection.js';
import { breachedPassword } from './breached-password.js';
import { consecutiveFails } from './consecutive-fails.js';
import type { DefenseDefinition } from './defense.js';
import { lockout } from './lockout.js';
import { loginAlerts } from './login-alerts.js';
import { rateLimitAccount } from './rate-limit-account.js';
import { rateLimitIp } from './rate-limit-ip.js';
import { twoFactorMandatory, twoFactorOptional } from './two-factor.js';

/**
 * Every login defence by its switch name, in install order. The order is fixed, not the
 * user's: cheap refusals first so a refused attempt never costs a hash —
 *   bot-detection → rate-limit-ip → rate-limit-account → consecutive-fails → lockout
 *   → [password check] → breached-password → 2fa-optional | 2fa-mandatory
 *   → login-alerts (reacts to successful results only).
 * Stages run beforePassword hooks, then the password, then afterPassword hooks, each in
 * this order; a second-factor code passes the beforeSecondFactor hooks (lockout) before it
 * is judged; onResult hooks (counters, lockout state, alerts) see every final result.
 */
export const DEFENSES = {
  'bot-detection': botDetection,
  'rate-limit-ip': rateLimitIp,
  'rate-limit-account': rateLimitAccount,
  'consecutive-fails': consecutiveFails,
  lockout,
  'breached-password': breachedPassword,
  '2fa-optional': twoFactorOptional,
  '2fa-mandatory': twoFactorMandatory,
  'login-alerts': loginAlerts,
} as const;

export type DefenseName = keyof typeof DEFENSES;

/** Install order (the key order of DEFENSES, spelled out so it reads as a decision). */
export const INSTALL_ORDER: readonly DefenseName[] = [
  'bot-detection',
  'rate-limit-ip',
  'rate-limit-account',
  'consecutive-fails',
  'lockout',
  'breached-password',
  '2fa-optional',
  '2fa-mandatory',
  'login-alerts',
];

export const DEFENSE_NAMES: readonly DefenseName[] = INSTALL_ORDER;

export type DefenseParams<N extends DefenseName> = (typeof DEFENSES)[N]['defaults'];

/** A defence with every parameter resolved (what parseDefenses returns). */
export type ConfiguredDefense = { [N in DefenseName]: { readonly name: N; readonly params: DefenseParams<N> } }[DefenseName];

/** A defence as a caller may write it: parameters optional, the rest from defaults. */
export type DefenseInput = { [N in DefenseName]: { readonly name: N; readonly params?: Partial<DefenseParams<N>> } }[DefenseName];

export function isDefenseName(name: string): name is DefenseName {
  return Object.prototype.hasOwnProperty.call(DEFENSES, name);
}

/** The untyped view, for code that walks every definition (parser, docs, CLI `list`). */
export function definitionOf(name: DefenseName): DefenseDefinition {
  return DEFENSES[name] as unknown as DefenseDefinition;
}
