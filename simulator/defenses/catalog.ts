import { botDetection } from './bot-detection.js';
import { breachedPassword } from './breached-password.js';
import { consecutiveFails } from './consecutive-fails.js';
import type { DefenseDefinition } from './defense.js';
import { lockout } from './lockout.js';
import { loginAlerts } from './login-alerts.js';
import { rateLimitAccount } from './rate-limit-account.js';
import { rateLimitIp } from './rate-limit-ip.js';
import { tenantAcl } from './tenant-acl.js';
import { clientIdBinding, uniqueDeviceCredentials } from './connect-defenses.js';
import { connectionCap, publishRateLimit } from './flood-limits.js';
import { signedCommands } from './signed-commands.js';
import { payloadEncryption } from './payload-encryption.js';
import { connectRateLimit, connectTimeout, maxPacketSize, sysTopicsClosed } from './broker-bounds.js';
import { maxKeepalive } from './max-keepalive.js';
import { twoFactorMandatory, twoFactorOptional } from './two-factor.js';
import { accessAudit } from './access-audit.js';
import { e2ee } from './e2ee.js';
import { reviewConsent } from './review-consent.js';
import { staffJitAccess } from './staff-jit-access.js';
import { staffLeastPrivilege } from './staff-least-privilege.js';
import { staffMfa } from './staff-mfa.js';
import { inactiveChildPurge, retention, verifiedDeletion } from './data-deletion.js';
import { disgorgement, noTrainingOnChildren, trainingConsent } from './training-limits.js';

/**
 * Every defence by its switch name, at every choke point (each definition names its
 * `layer`), in install order. The order is fixed, not the user's. Login stages go cheap
 * refusals first so a refused attempt never costs a hash —
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
  'tenant-acl': tenantAcl,
  'unique-device-credentials': uniqueDeviceCredentials,
  'client-id-binding': clientIdBinding,
  'connection-cap': connectionCap,
  'publish-rate-limit': publishRateLimit,
  'signed-commands': signedCommands,
  'payload-encryption': payloadEncryption,
  'connect-rate-limit': connectRateLimit,
  'max-packet-size': maxPacketSize,
  'connect-timeout': connectTimeout,
  'sys-topics-closed': sysTopicsClosed,
  'max-keepalive': maxKeepalive,
  // Staff and data layers (issue 14): the staff console's choke point, then stored data.
  'staff-mfa': staffMfa,
  'staff-least-privilege': staffLeastPrivilege,
  'staff-jit-access': staffJitAccess,
  'review-consent': reviewConsent,
  'access-audit': accessAudit,
  e2ee,
  'verified-deletion': verifiedDeletion,
  retention,
  'inactive-child-purge': inactiveChildPurge,
  'no-training-on-children': noTrainingOnChildren,
  'training-consent': trainingConsent,
  disgorgement,
} as const;

export type DefenseName = keyof typeof DEFENSES;

/**
 * Install order (the key order of DEFENSES, spelled out so it reads as a decision), then
 * the defences added with registerDefense (registry.ts), in the order registered.
 */
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
  // Broker layer: its own choke point, so its place here only orders `list` and reports.
  'tenant-acl',
  // Credentials before client ids: a refused CONNECT gives the reason it always gave.
  'unique-device-credentials',
  'client-id-binding',
  'connection-cap',
  'publish-rate-limit',
  'signed-commands',
  'payload-encryption',
  // Broker bounds (issue 17): per-address connects before credentials, stream bounds, $SYS.
  'connect-rate-limit',
  'max-packet-size',
  'connect-timeout',
  'sys-topics-closed',
  'max-keepalive',
  // Staff layer: a password-only session first, then what a role may see, then the audit (which sees every request logged).
  'staff-mfa',
  'staff-least-privilege',
  'staff-jit-access',
  'review-consent',
  'access-audit',
  // Data layer.
  'e2ee',
  // Data layer: lifecycle rules merged by simulator/lifecycle (their order changes nothing).
  'verified-deletion',
  'retention',
  'inactive-child-purge',
  'no-training-on-children',
  'training-consent',
  'disgorgement',
];

export const DEFENSE_NAMES: readonly DefenseName[] = INSTALL_ORDER;

export type DefenseParams<N extends DefenseName> = (typeof DEFENSES)[N]['defaults'];

/** A defence with every parameter resolved (what parseDefenses returns). */
export type ConfiguredDefense = {
  [N in DefenseName]: {
    readonly name: N;
    readonly params: DefenseParams<N>;
    /** On because its definition is on by default, not because the spec named it: installed where its choke point exists. */
    readonly byDefault?: true;
  };
}[DefenseName];

/** A defence as a caller may write it: parameters optional, the rest from defaults. */
export type DefenseInput = { [N in DefenseName]: { readonly name: N; readonly params?: Partial<DefenseParams<N>>; readonly byDefault?: true } }[DefenseName];

/** Defences added with registerDefense (registry.ts, which checks them): typed as DefenseName though not in DEFENSES. */
const registered = new Map<string, DefenseDefinition>();

export function isDefenseName(name: string): name is DefenseName {
  return Object.prototype.hasOwnProperty.call(DEFENSES, name) || registered.has(name);
}

/** The untyped view, for code that walks every definition (parser, docs, CLI `list`). */
export function definitionOf(name: DefenseName): DefenseDefinition {
  return (registered.get(name) ?? DEFENSES[name]) as unknown as DefenseDefinition;
}

/** For registry.ts only: the checked definition joins the lookups and the end of INSTALL_ORDER. */
export function addRegisteredDefinition(definition: DefenseDefinition): void {
  registered.set(definition.name, definition);
  (INSTALL_ORDER as DefenseName[]).push(definition.name as DefenseName);
}
