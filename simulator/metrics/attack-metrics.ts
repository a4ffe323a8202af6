import type { Cloud } from '../cloud/cloud.js';
import type { LoggedEvent } from '../core/event-log.js';
import { isHostile } from '../core/principals.js';
import type { World } from '../core/world.js';
import type { MetricsRecorder, MetricValue } from './recorder.js';
import { OwnerImpact } from './owner-impact.js';
import { AccessTracker } from './access-tracker.js';
import { DetectionCounter } from './detection-counter.js';

/**
 * The account-takeover metrics (names documented in docs/scenarios.md, "Metrics"), computed
 * from the event log as it is written. Ground truth is read only here, to score the run:
 * whether the principal behind a login or a session is hostile, by the principal catalogue
 * (core/principals.ts: attackers and insiders), decides whether a login, a live view or a
 * word through the speaker was the attack's. What the defences cost the home's legitimate
 * users is OwnerImpact's; what they detected is the sum of the events the installed defences
 * declare as detections (DetectionCounter).
 *
 * The 'cloud.login' handler runs once per login attempt (a million in the flagship run), so
 * it updates plain counters and flushes them into the report once, in `finish()`.
 * Build it after installDefenses (a scenario's setup): it reads the installed defences' detections then.
 */

/** Reasons the pipeline gives to second-factor submissions (as opposed to password attempts). */
const CODE_REASONS = new Set(['second-factor-ok', 'wrong-code', 'too-many-wrong-codes', 'ticket-expired', 'ticket-unknown', 'credentials-changed']);

export class AttackMetrics {
  private attempts = 0;
  private codeGuesses = 0;
  private challenges = 0;
  private attackStartMs: number | null = null;
  private firstTakeoverMs: number | null = null;
  private readonly valid = new Set<string>();
  private readonly viaCode = new Set<string>();
  private readonly hijacked = new Set<string>();
  private readonly emailsChanged = new Set<string>();
  private videoSeconds = 0;
  private speakerMessages = 0;
  private readonly owners: OwnerImpact;
  private readonly access: AccessTracker;
  private readonly detections: DetectionCounter;

  constructor(private readonly world: World, cloud: Cloud, recorder: MetricsRecorder) {
    this.owners = new OwnerImpact(recorder);
    this.access = new AccessTracker(cloud);
    this.detections = new DetectionCounter(cloud, recorder);
    const hostileSession = (sessionId: string) => {
      const session = cloud.sessions.byPublicId(sessionId);
      return session !== undefined && isHostile(session.heldBy);
    };
    recorder.on('cloud.login', (e) => this.login(e));
    recorder.on('attack.start', (e) => {
      if (this.attackStartMs === null) this.attackStartMs = e.t;
    });
    recorder.on('device.command', (e) => {
      if ((e.cmd === 'live-view-start' || e.cmd === 'talk') && hostileSession(e.sessionId)) this.hijacked.add(e.deviceId);
    });
    recorder.on('device.live-view', (e) => {
      if (hostileSession(e.sessionId)) this.videoSeconds += e.seconds;
    });
    recorder.on('device.speaker', (e) => {
      if (hostileSession(e.sessionId)) this.speakerMessages++;
    });
    recorder.on('cloud.email-changed', (e) => {
      if (isHostile(e.by)) this.emailsChanged.add(e.accountId);
    });
    recorder.on('cloud.sessions-revoked', (e) => this.access.revoked(e.accountId, e.t));
    recorder.on('cloud.password-changed', (e) => this.access.revoked(e.accountId, e.t));
  }

  private login(e: LoggedEvent<'cloud.login'>): void {
    const { outcome, reason, accountId } = e;
    const hostile = isHostile(e.actor);
    this.detections.login(accountId, hostile);
    if (!hostile) return;
    this.attempts++;
    if (CODE_REASONS.has(reason)) this.codeGuesses++;
    if (outcome === 'denied') return;
    if (outcome === 'challenge') {
      this.challenges++;
      return;
    }
    if (accountId === null) return;
    if (outcome === 'ok') {
      this.valid.add(accountId);
      if (reason === 'second-factor-ok') this.viaCode.add(accountId);
      if (this.firstTakeoverMs === null) this.firstTakeoverMs = e.t;
      this.access.gained(accountId, e.t);
    } else {
      // A breached-password reset or a second-factor prompt: the password was right (a
      // wrong code re-prompts on a password already counted).
      if (reason !== 'wrong-code') this.valid.add(accountId);
    }
  }

  /** Final figures; call once, at the end of the run. */
  finish(): Record<string, MetricValue> {
    const nowMs = this.world.now();
    const takeovers = this.access.accounts;
    const passwordAttempts = this.attempts - this.codeGuesses;
    const start = this.attackStartMs ?? 0;
    return {
      'attack.attempts': this.attempts,
      'attack.passwordAttempts': passwordAttempts,
      'attack.codeGuesses': this.codeGuesses,
      'attack.challenges': this.challenges,
      'attack.validCredentials': this.valid.size,
      'attack.successRate': passwordAttempts > 0 ? this.valid.size / passwordAttempts : null,
      'attack.takeovers': takeovers,
      'attack.takeoversViaCode': this.viaCode.size,
      'attack.attemptsPerTakeover': takeovers > 0 ? this.attempts / takeovers : null,
      'attack.timeToFirstTakeoverSeconds': this.firstTakeoverMs === null ? null : (this.firstTakeoverMs - start) / 1000,
      'attack.dwellMeanSeconds': takeovers > 0 ? this.access.totalHeldMs(nowMs) / takeovers / 1000 : null,
      'attack.accessLost': this.access.lost,
      'attack.emailsChanged': this.emailsChanged.size,
      'devices.hijacked': this.hijacked.size,
      'video.exposedSeconds': this.videoSeconds,
      'speaker.attackerMessages': this.speakerMessages,
      ...this.owners.finish(),
      ...this.detections.finish(),
    };
  }
}
