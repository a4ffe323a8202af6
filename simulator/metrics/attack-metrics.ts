import type { Cloud } from '../cloud/cloud.js';
import type { LoggedEvent } from '../core/event-log.js';
import type { World } from '../core/world.js';
import type { MetricsRecorder, MetricValue } from './recorder.js';
import { OwnerImpact } from './owner-impact.js';
import { AccessTracker } from './access-tracker.js';

/**
 * The account-takeover metrics (names documented in docs/scenarios.md, "Metrics"), computed
 * from the event log as it is written. Ground truth is read only here, to score the run:
 * who holds a session (`heldBy`) decides whether a login, a live view or a word through the
 * speaker was the attacker's.
 *
 * The 'cloud.login' handler runs once per login attempt (a million in the flagship run), so
 * it updates plain counters and flushes them into the report once, in `finish()`.
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
  private readonly detections = { lockouts: 0, consecutiveFails: 0, rateLimited: 0, loginAlerts: 0, codeVoids: 0, breachedResets: 0 };
  private readonly owners: OwnerImpact;
  private readonly access: AccessTracker;

  constructor(private readonly world: World, cloud: Cloud, recorder: MetricsRecorder) {
    this.owners = new OwnerImpact();
    this.access = new AccessTracker(cloud);
    const attacker = (sessionId: string) => cloud.sessions.byPublicId(sessionId)?.heldBy === 'attacker';
    recorder.on('cloud.login', (e) => this.login(e));
    recorder.on('attack.start', (e) => {
      if (this.attackStartMs === null) this.attackStartMs = e.t;
    });
    recorder.on('device.command', (e) => {
      if ((e.cmd === 'live-view-start' || e.cmd === 'talk') && attacker(e.sessionId)) this.hijacked.add(e.deviceId);
    });
    recorder.on('device.live-view', (e) => {
      if (attacker(e.sessionId)) this.videoSeconds += e.seconds;
    });
    recorder.on('device.speaker', (e) => {
      if (attacker(e.sessionId)) this.speakerMessages++;
    });
    recorder.on('cloud.email-changed', (e) => {
      if (e.by === 'attacker') this.emailsChanged.add(e.accountId);
    });
    recorder.on('cloud.sessions-revoked', (e) => this.access.revoked(e.accountId, e.t));
    recorder.on('cloud.password-changed', (e) => this.access.revoked(e.accountId, e.t));
    recorder.on('defense.lockout', () => this.detections.lockouts++);
    recorder.on('defense.consecutive-fails-block', () => this.detections.consecutiveFails++);
    recorder.on('defense.rate-limited', () => this.detections.rateLimited++);
    recorder.on('defense.second-factor-void', () => this.detections.codeVoids++);
    recorder.on('defense.login-alert', (e) => this.owners.alertSent(e.accountId));
  }

  private login(e: LoggedEvent<'cloud.login'>): void {
    if (e.actor !== 'attacker') {
      this.owners.login(e);
      return;
    }
    this.attempts++;
    const { outcome, reason, accountId } = e;
    if (CODE_REASONS.has(reason)) this.codeGuesses++;
    if (outcome === 'denied') return;
    if (outcome === 'challenge') {
      this.challenges++;
      return;
    }
    if (accountId === null) return;
    if (this.owners.takeAlert(accountId)) this.detections.loginAlerts++;
    if (outcome === 'ok') {
      this.valid.add(accountId);
      if (reason === 'second-factor-ok') this.viaCode.add(accountId);
      if (this.firstTakeoverMs === null) this.firstTakeoverMs = e.t;
      this.access.gained(accountId, e.t);
    } else if (outcome === 'password-reset-required') {
      this.valid.add(accountId);
      this.detections.breachedResets++;
    } else if (reason !== 'wrong-code') {
      this.valid.add(accountId); // a second-factor prompt: the password was right
    }
  }

  /** Final figures; call once, at the end of the run. */
  finish(): Record<string, MetricValue> {
    const nowMs = this.world.now();
    const takeovers = this.access.accounts;
    const passwordAttempts = this.attempts - this.codeGuesses;
    const detections = Object.values(this.detections).reduce((a, b) => a + b, 0);
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
      detections,
      'detections.lockouts': this.detections.lockouts,
      'detections.consecutiveFailsBlocks': this.detections.consecutiveFails,
      'detections.rateLimited': this.detections.rateLimited,
      'detections.loginAlerts': this.detections.loginAlerts,
      'detections.codeVoids': this.detections.codeVoids,
      'detections.breachedPasswordResets': this.detections.breachedResets,
    };
  }
}

