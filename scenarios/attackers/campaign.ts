import type { LoginAttempt } from '../../simulator/cloud/login-pipeline.js';
import { MINUTE_MS } from '../../simulator/core/duration.js';
import { solveChallenge } from '../../simulator/defenses/index.js';
import type { Simulation } from '../../simulator/runner/simulation.js';
import type { AttackParams } from './attack-params.js';
import type { Botnet } from './botnet.js';
import type { CodeGuesser } from './code-guesser.js';
import { RetryQueue } from './retry-queue.js';
import type { Takeover } from './takeover.js';

declare module '../../simulator/core/event-log.js' {
  interface EventTypes {
    /** An attack campaign began: its planned first attempts and the size of its proxy pool. */
    'attack.start': { attack: string; plannedAttempts: number; ips: number };
    /** It ran out of credentials to try (or its window closed), after `attempts` login requests. */
    'attack.end': { attack: string; attempts: number };
  }
}

export const READY = 0;
export const WAIT = 1;
export const DONE = 2;
export type Advance = typeof READY | typeof WAIT | typeof DONE;

/** Where a campaign's credentials come from (a combo list, a spray, a dictionary). */
export interface CredentialSource {
  /** Planned first attempts: sizes the proxy pool and the 'auto' rate. */
  readonly planned: number;
  /** Moves to the next credential; READY sets `email` and `password`, WAIT pauses until a later burst. */
  advance(nowMs: number): Advance;
  readonly email: string;
  readonly password: string;
  /** The attacker now knows this e-mail's password (skip the rest of its guesses). */
  found(email: string): void;
}

/**
 * The attack loop: one scheduler event per burst (`attack.burstMs`), in which the botnet
 * makes the burst's share of the rate in login attempts and handles what comes back — a
 * session (takeover), a second-factor prompt (code guessing), a bot challenge (pay a solver,
 * retry after its latency), or the one generic refusal. It sees nothing but login answers.
 *
 * Hot path (a million attempts in the flagship run): no string building beyond the source's
 * e-mail, no logging of its own (the cloud logs every attempt), no MQTT.
 */
export class Campaign {
  attempts = 0;
  private carry = 0;
  private finished = false;
  private readonly perBurst: number;
  private readonly endMs: number;
  /**
   * The one request object the campaign sends, refilled for each request: the pipeline reads
   * an attempt only during `login` and copies what outlives it (login-pipeline.ts), and one
   * object shape for every attacker request (challengePass always present) keeps its reads
   * monomorphic.
   */
  private readonly attempt: LoginAttempt = { email: '', password: '', ip: '', clientFingerprint: '', actor: 'attacker', challengePass: undefined };
  private readonly retries = new RetryQueue();
  private readonly relogins = new RetryQueue();

  constructor(
    private readonly sim: Simulation,
    readonly name: string,
    private readonly source: CredentialSource,
    private readonly params: AttackParams,
    private readonly botnet: Botnet,
    private readonly takeover: Takeover,
    private readonly guesser: CodeGuesser,
    window: { startMs: number; endMs: number },
  ) {
    this.endMs = window.endMs;
    this.finished = source.planned === 0; // nothing to try: only the start and end are logged
    const minutes = Math.max(1, window.endMs - window.startMs) / MINUTE_MS;
    const rate = params.ratePerMinute === 'auto' ? source.planned / minutes : params.ratePerMinute;
    this.perBurst = (rate * params.burstMs) / MINUTE_MS;
    sim.world.scheduler.at(window.startMs, () => {
      sim.world.log.emit('attack.start', { attack: name, plannedAttempts: source.planned, ips: botnet.ips });
      this.burst();
    });
  }

  /** Logs in again later for a fresh second-factor ticket (the code guesser's request). */
  reloginLater(email: string, password: string, delayMs: number): void {
    this.relogins.push(this.sim.world.now() + delayMs, email, password, '', '');
  }

  /** One bound function for every burst (no closure per burst; see Doorbell.onMotion). */
  private readonly nextBurst = () => this.burst();

  private burst(): void {
    const now = this.sim.world.now();
    const retries = this.retries;
    while (retries.popDue(now)) this.login(retries.email, retries.password, retries.ip, retries.fingerprint, retries.challengePass);
    const relogins = this.relogins;
    while (relogins.popDue(now)) this.login(relogins.email, relogins.password, this.botnet.ip(), this.botnet.fingerprint());
    if (!this.finished) {
      this.carry += this.perBurst;
      const source = this.source;
      for (; this.carry >= 1; this.carry--) {
        const state = source.advance(now);
        if (state === WAIT) break;
        if (state === DONE) {
          this.finished = true;
          break;
        }
        this.login(source.email, source.password, this.botnet.ip(), this.botnet.fingerprint());
      }
    }
    const next = now + this.params.burstMs;
    const pending = !this.finished || this.retries.size > 0 || this.relogins.size > 0;
    if (pending && next <= this.endMs) this.sim.world.scheduler.at(next, this.nextBurst);
    else this.sim.world.log.emit('attack.end', { attack: this.name, attempts: this.attempts });
  }

  private login(email: string, password: string, ip: string, fingerprint: string, challengePass?: string): void {
    const attempt = this.attempt;
    attempt.email = email;
    attempt.password = password;
    attempt.ip = ip;
    attempt.clientFingerprint = fingerprint;
    attempt.challengePass = challengePass;
    this.attempts++;
    const result = this.sim.cloud.attemptLogin(attempt);
    switch (result.outcome) {
      case 'denied':
        return;
      case 'ok':
        this.source.found(email);
        this.takeover.begin(email, result.session!);
        return;
      case 'second-factor-required':
        this.source.found(email);
        this.guesser.prompted(email, password, result, ip, fingerprint);
        return;
      case 'password-reset-required':
        // The password is right but breached: the reset link goes to the owner's mailbox.
        this.source.found(email);
        return;
      case 'challenge': {
        if (!this.params.solveChallenges || challengePass !== undefined) return;
        const solution = solveChallenge(this.sim.cloud, 'bot');
        if (solution.passToken === null) return;
        this.retries.push(this.sim.world.now() + solution.latencyMs, email, password, ip, fingerprint, solution.passToken);
        return;
      }
    }
  }
}
