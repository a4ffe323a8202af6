import { HOUR_MS, MINUTE_MS } from '../core/duration.js';
import type { DefenseInput, DefenseName } from './catalog.js';

/**
 * Named defence sets: the worlds a scenario is compared across. A profile name may appear
 * wherever a defence name may (`--defenses ring-2020`, `--defenses nist,bot-detection`).
 */
export interface Profile {
  readonly description: string;
  /** Where the set comes from. */
  readonly source: string;
  readonly defenses: readonly DefenseInput[];
  /** Defences that are on by default (tenant-acl) which this profile turns off. */
  readonly off?: readonly DefenseName[];
}

export const PROFILES = {
  none: {
    description: 'Ring in 2019: no rate limiting, no lockout, no login alerts, 2FA optional and rarely enrolled',
    source: 'FTC v. Ring LLC, complaint (D.D.C., May 2023): 55,000+ accounts compromised by credential stuffing before Ring added protections',
    // The control condition: every switch off, so enrolled second factors are not asked for
    // either. Ring in 2019 offered opt-in 2FA that few used; to model that, name
    // `none,2fa-optional` and let the population enrol its (small) share of accounts.
    defenses: [],
  },
  'ring-2020': {
    description: 'Ring from 18 Feb 2020: mandatory two-step verification by e-mail or SMS code on every login, plus new-login alerts',
    source: 'Ring blog "Extra Layers of Security and Control", 18 Feb 2020 (six-digit code by e-mail or SMS, every login, shared users too)',
    defenses: [{ name: '2fa-mandatory', params: { method: 'email' } }, { name: 'login-alerts' }],
  },
  nist: {
    description: 'NIST SP 800-63B: breached-password blocklist, lockout at ≤ 100 failures, rate limiting, optional TOTP',
    source: 'NIST SP 800-63B §5.1.1.2 (blocklist), §5.2.2 (≤ 100 consecutive failures, rate limiting), §5.1.4 (OTP); OWASP ASVS 4.0.3 §2.2.1',
    defenses: [
      { name: 'rate-limit-ip' },
      { name: 'rate-limit-account' },
      { name: 'lockout', params: { threshold: 100, windowMs: HOUR_MS, durationMs: 15 * MINUTE_MS } },
      { name: 'breached-password' },
      // Accounts the population enrolled (account.secondFactor = 'totp') are prompted; others are not.
      { name: '2fa-optional' },
    ],
  },
  all: {
    description: 'Every login defence at its default settings (2FA mandatory)',
    source: 'Each defence cites its own source (docs/defenses.md)',
    defenses: [
      { name: 'bot-detection' },
      { name: 'rate-limit-ip' },
      { name: 'rate-limit-account' },
      { name: 'consecutive-fails' },
      { name: 'lockout' },
      { name: 'breached-password' },
      { name: '2fa-mandatory' },
      { name: 'login-alerts' },
    ],
  },
  'no-topic-acl': {
    description: 'The broker without its tenant ACL: aedes\u2019 own defaults, which let any authenticated client subscribe to and publish on any topic',
    source: 'aedes 1.x README (authorizePublish/authorizeSubscribe allow everything unless set); what the tenant-acl defence is measured against',
    defenses: [],
    off: ['tenant-acl'],
  },
  'ring-2017': {
    description: 'Ring until September 2017: every employee and hundreds of contractors could view, download and share any customer’s video, unencrypted, with no monitoring of staff access',
    source: 'FTC v. Ring LLC, No. 1:23-cv-1549 (D.D.C. 2023), complaint ¶¶ 14–26',
    // The staff layers' control condition: no staff or data defence installed.
    defenses: [],
  },
  'ftc-order-2023': {
    description: 'What the 2023 order requires of staff access: least privilege, access only for a ticket with consent, human review only with opt-in, monitoring of access, MFA for staff, and deleting models derived from unlawfully reviewed video (disgorgement)',
    source: 'FTC v. Ring LLC, stipulated order (D.D.C., 31 May 2023) §§ I–IV; NIST SP 800-53 Rev. 5 AC-6, AC-2, AU-6, IA-2(1)',
    defenses: [{ name: 'staff-mfa' }, { name: 'staff-least-privilege' }, { name: 'staff-jit-access' }, { name: 'review-consent' }, { name: 'access-audit' }, { name: 'disgorgement' }],
  },
  'alexa-2019': {
    description: 'Alexa before the 2023 order: a deletion request removes the voice recordings only; transcripts, location, backups and training copies stay; children’s data is trained on and kept indefinitely',
    source: 'U.S. v. Amazon.com, Inc., complaint (W.D. Wash., May 2023), ¶¶ on transcripts and geolocation kept after deletion requests and children’s recordings kept indefinitely',
    defenses: [],
  },
  'alexa-order-2023': {
    description: 'The 2023 Alexa order: verified deletion (lineage, backups, models), retention schedule, inactive child profiles purged, no training on children’s data',
    source: 'U.S. v. Amazon.com, Inc., stipulated order (W.D. Wash., 2023); COPPA Rule 16 CFR §312.10',
    defenses: [{ name: 'verified-deletion' }, { name: 'retention' }, { name: 'inactive-child-purge' }, { name: 'no-training-on-children' }],
  },
  'shared-device-credentials': {
    description: 'Every doorbell also accepts the vendor\u2019s factory-default password, printed in the manual: the world ETSI EN 303 645 5.1-1 forbids',
    source: 'Antonakakis et al., "Understanding the Mirai Botnet", USENIX Security 2017 (62 factory-default credentials took 600,000 devices); what unique-device-credentials is measured against',
    defenses: [],
    off: ['unique-device-credentials'],
  },
  'no-client-id-binding': {
    description: 'The broker lets any authenticated client take any client id, closing its holder (MQTT-3.1.4-2), as aedes does by default',
    source: 'aedes 1.x (registerClient closes an existing client with the same id); what client-id-binding is measured against',
    defenses: [],
    off: ['client-id-binding'],
  },
  'mqtt-default': {
    description: 'The broker at aedes\u2019 own defaults: any credential that matches is enough (the vendor\u2019s shared factory default too), any topic, any client id',
    source: 'aedes 1.x README (authenticate, authorizePublish and authorizeSubscribe allow everything unless set; a reused client id closes the old connection); what the broker-layer defences are measured against (docs/wire-attacks.md)',
    defenses: [],
    off: ['tenant-acl', 'unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed'],
  },
  'no-max-packet-size': {
    description: 'The broker without a packet-size bound, as aedes is: its parser buffers whatever remaining length a packet announces (up to 256 MiB)',
    source: 'aedes 1.x / mqtt-packet (no maximum packet size); Mosquitto max_packet_size is unset by default; what max-packet-size is measured against',
    defenses: [],
    off: ['max-packet-size'],
  },
  'no-connect-timeout': {
    description: 'The broker without a CONNECT timeout, as Mosquitto 2.0 is: a connection that sends half a CONNECT is held until it closes (SlowITe)',
    source: 'Vaccari et al., "SlowITe", Sensors 20(10), 2020; mosquitto.conf(5) has no connect timeout; what connect-timeout is measured against',
    defenses: [],
    off: ['connect-timeout'],
  },
  'open-sys-topics': {
    description: 'The broker with $SYS/# open to every client, as aedes is by default',
    source: 'aedes 1.x (publishes $SYS/<id>/new/clients and heartbeats; authorizeSubscribe allows $SYS unless set); nmap mqtt-subscribe reads it; what sys-topics-closed is measured against',
    defenses: [],
    off: ['sys-topics-closed'],
  },
  'mqtt-hardened': {
    description: 'Every broker-layer defence: tenant ACL, unique per-device credentials, client ids bound to principals, a connection cap and a publish rate limit per principal, per-address connect limits, packet-size and CONNECT-time bounds, $SYS closed, commands signed with a nonce and a timestamp (replay window), a keepalive ceiling with silent links closed',
    source: 'NIST SP 800-53 Rev. 5 AC-3, IA-5(1) and SC-5; ETSI EN 303 645 provisions 5.1-1 and 5.5-2; NIST SP 800-63B §5.2.8 (replay resistance); Mosquitto acl_file pattern lines, password_file, max_connections, max_packet_size, sys_interval 0 and max_keepalive; MQTT 3.1.1 §3.1.2.10; NIST SP 800-53 SC-10; the aedes preConnect hook and connectTimeout option',
    defenses: [{ name: 'tenant-acl' }, { name: 'unique-device-credentials' }, { name: 'client-id-binding' }, { name: 'connection-cap' }, { name: 'publish-rate-limit' }, { name: 'connect-rate-limit' }, { name: 'max-packet-size' }, { name: 'connect-timeout' }, { name: 'sys-topics-closed' }, { name: 'signed-commands' }, { name: 'max-keepalive' }],
  },
} as const satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILES;

export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

export function isProfileName(name: string): name is ProfileName {
  return Object.prototype.hasOwnProperty.call(PROFILES, name);
}
