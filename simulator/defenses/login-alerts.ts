import { z } from 'zod';
import { HOUR_MS } from '../core/duration.js';
import type { Account } from '../cloud/accounts.js';
import type { LoginContext, LoginStage } from '../cloud/login-pipeline.js';
import type { Session } from '../cloud/sessions.js';
import { defineDefense, type DefenseEnv } from './defense.js';
import { durationMs, oneOf, probability } from './fields.js';
import { OwnerReaction } from './login-alert-reaction.js';
import { ownerNotices, type OwnerNotices } from './owner-notices.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    /** The owner was told of a login from a device (or IP) this account had not used before. */
    'defense.login-alert': { accountId: string; ip: string; clientFingerprint: string };
  }
}

/**
 * `login-alerts`: after every successful login from a client fingerprint (or, with
 * `trigger = new-device-or-ip`, an IP) the account has not logged in from before, the owner
 * is sent an alert. The owner's reaction (login-alert-reaction.ts) follows: with
 * probability `reactProbability`, `reactDelayMs` later, they revoke all sessions and change
 * their password (Cloud.changePassword), which also voids open second-factor tickets.
 *
 * Models OWASP ASVS 4.0.3 §2.2.3 (secure notifications after "logging in from unknown or
 * risky locations") and the OWASP Credential Stuffing Prevention Cheat Sheet ("notify users
 * about unusual security events"), and Ring's new-login notifications added in 2020 (Ring
 * did not warn of new devices in 2019). Detection reads only what the server sees: the IP
 * and fingerprint of the login. The first login of an account compares against the
 * account's live sessions, so a population created with sessions does not alert on them.
 * Cost to real users: an alert for every new phone or browser (alert fatigue).
 */
export const loginAlerts = defineDefense({
  name: 'login-alerts',
  layer: 'login',
  models: 'OWASP ASVS 4.0.3 §2.2.3; OWASP Credential Stuffing Prevention Cheat Sheet (notify users of unusual logins); Ring login notifications (2020)',
  schema: z.object({
    trigger: oneOf(['new-device', 'new-device-or-ip']),
    reactProbability: probability(),
    reactDelayMs: durationMs(0),
  }),
  defaults: {
    /** Ring alerts named the new device; mobile IPs change too often to alert on each. */
    trigger: 'new-device' as const,
    /** Markert, Lassak, Golla, Dürmuth, CHI 2024: only 22% of malicious-login notifications led to a password change. */
    reactProbability: 0.22,
    /** Assumption (no published figure): an owner acts about an hour after the alert. Override with login-alerts.reactDelayMs. */
    reactDelayMs: HOUR_MS,
  },
  detects: [{ event: 'defense.login-alert', metric: 'detections.loginAlerts', of: 'hostile-login' }],
  create: (env, params) => new LoginAlerts(env, params),
});

interface KnownClients {
  devices: Set<string>;
  ips: Set<string>;
}

type LoginAlertParams = { trigger: 'new-device' | 'new-device-or-ip'; reactProbability: number; reactDelayMs: number };

export class LoginAlerts {
  readonly name = 'login-alerts';
  readonly login: LoginStage;
  readonly reaction: OwnerReaction;
  private readonly known = new Map<string, KnownClients>();
  private readonly notices: OwnerNotices;
  private alerts = 0;

  constructor(private readonly env: DefenseEnv, private readonly params: LoginAlertParams) {
    this.notices = ownerNotices(env.cloud);
    this.reaction = new OwnerReaction(env, params, this.notices);
    this.login = {
      name: this.name,
      onResult: (ctx, outcome, _reason, session) => {
        if (outcome === 'ok' && session !== undefined) this.seen(ctx, ctx.account!, session);
      },
    };
  }

  stats(): Record<string, number> {
    return { alerts: this.alerts, ...this.reaction.stats() };
  }

  private seen(ctx: LoginContext, account: Account, session: Session): void {
    const { ip, clientFingerprint } = ctx.attempt;
    let known = this.known.get(account.id);
    if (known === undefined) {
      known = this.fromLiveSessions(account, session);
      this.known.set(account.id, known);
    }
    const newDevice = !known.devices.has(clientFingerprint);
    const newIp = !known.ips.has(ip);
    if (newDevice) known.devices.add(clientFingerprint);
    if (newIp) known.ips.add(ip);
    if (!newDevice && !(newIp && this.params.trigger === 'new-device-or-ip')) return;
    this.alerts++;
    this.env.world.log.emit('defense.login-alert', { accountId: account.id, ip, clientFingerprint });
    this.notices.alert({ accountId: account.id, ip, clientFingerprint, atMs: ctx.nowMs });
    this.reaction.consider(account, session);
  }

  /** Devices and IPs of the account's other live sessions: logins from before the defence was watching. */
  private fromLiveSessions(account: Account, current: Session): KnownClients {
    const known: KnownClients = { devices: new Set(), ips: new Set() };
    for (const s of this.env.cloud.sessions.live(account.id)) {
      if (s === current) continue;
      known.devices.add(s.clientFingerprint);
      known.ips.add(s.ip);
    }
    return known;
  }
}
