import type { Link, TransportMode } from '../broker/link.js';
import type { SimBroker } from '../broker/sim-broker.js';
import { deviceTopic, homeFilter } from '../broker/topics.js';
import { sealedFor } from '../broker/sealed-link.js';
import type { Cloud } from '../cloud/cloud.js';
import { MINUTE_MS, SECOND_MS } from '../core/duration.js';
import type { SeededRandom } from '../core/random.js';
import type { World } from '../core/world.js';
import type { LoginContinuation } from '../population/owner-login.js';
import type { Home } from '../population/town.js';
import { ActivityProfile } from '../../devices/activity-profile.js';
import { deviceWith } from '../../devices/catalog.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    'app.open': { homeId: string; accountId: string };
    'app.close': { homeId: string; accountId: string };
    'app.login-gave-up': { homeId: string; accountId: string; outcome: string };
    /** The app held a session from before the run (`app.signedInAtStart`): no login was made for it. */
    'app.signed-in-at-start': { homeId: string; accountId: string };
  }
}

export interface OwnerAppParams {
  /** Times a day the owner opens the app (an assumption; tune per study). */
  opensPerDay: number;
  /** Mean time the app stays open. */
  openMeanMs: number;
  /** Times a day the owner must sign in again with the password (new phone, logged out). */
  passwordLoginsPerDay: number;
  /**
   * Chance the app already holds a session when the run begins (signed in before it, from
   * the app's own IP and phone). 1, the default, starts the town in the steady state of
   * apps that keep 30-day sessions (sessions.ts): owners type their password only when a
   * session ends (`passwordLoginsPerDay`).
   * 0 starts every owner signed out, so each first open is a password login (as after a
   * forced sign-out of everyone).
   */
  signedInAtStart: number;
  /** Chance a typed password has a typo (legitimate failed logins). */
  typoRate: number;
  /** Chance an open starts live view, and its mean length. */
  liveViewChance: number;
  liveViewMeanMs: number;
  /** Chance the owner answers a ring through the speaker while the app is open. */
  talkOnDingChance: number;
}

export const DEFAULT_OWNER_APP_PARAMS: OwnerAppParams = {
  opensPerDay: 2,
  openMeanMs: 2 * MINUTE_MS,
  passwordLoginsPerDay: 0.05,
  signedInAtStart: 1,
  typoRate: 0.05,
  liveViewChance: 0.3,
  liveViewMeanMs: 45 * SECOND_MS,
  talkOnDingChance: 0.3,
};

export type { LoginContinuation } from '../population/owner-login.js';

/**
 * The owner's phone app: signs in with the password when it has no live session, opens on a
 * daily rhythm, watches its home's events over MQTT, sometimes opens live view or talks to a
 * visitor at the door. It finds the device for each by capability (`liveView`, `speaker`,
 * devices/device-kind.ts), whatever kinds the home has.
 */
export class OwnerApp {
  private readonly random: SeededRandom;
  private readonly opens: ActivityProfile;
  private token: string | undefined;
  private link: Link | undefined;
  /** The household's address, stable per home, so login alerts see a known one. */
  readonly ip: string;
  readonly fingerprint: string;
  /** Commands topic of the home's first live-view device and of its first speaker, if it has one. */
  private readonly liveViewCommands: string | undefined;
  private readonly talkCommands: string | undefined;

  constructor(
    private readonly world: World,
    private readonly cloud: Cloud,
    private readonly broker: SimBroker,
    readonly home: Home,
    private readonly mode: TransportMode,
    private readonly params: OwnerAppParams = DEFAULT_OWNER_APP_PARAMS,
    private readonly continueLogin?: LoginContinuation,
  ) {
    this.random = world.rng(`app/${home.homeId}`);
    this.opens = new ActivityProfile(params.opensPerDay);
    this.ip = `10.${(home.index >> 16) & 255}.${(home.index >> 8) & 255}.${home.index & 255}`;
    this.fingerprint = `phone-${home.homeId}-${this.random.hex(4)}`;
    const commandsOf = (device: { deviceId: string } | undefined) => device && deviceTopic(home.homeId, device.deviceId, 'commands');
    this.liveViewCommands = commandsOf(deviceWith(home.devices, 'liveView'));
    this.talkCommands = commandsOf(deviceWith(home.devices, 'speaker'));
  }

  start(): void {
    // chance(0) and chance(1) draw nothing: the app's own stream is the same either way.
    if (this.random.chance(this.params.signedInAtStart)) this.signInBeforeRun();
    this.scheduleOpen();
    this.scheduleForcedLogout();
  }

  /** A session from before the run: minted as a login would have, but no login is logged or checked. */
  private signInBeforeRun(): void {
    const { owner, homeId } = this.home;
    this.token = this.cloud.sessions.mint(owner, { ip: this.ip, clientFingerprint: this.fingerprint, heldBy: 'owner' }).token;
    this.world.log.emit('app.signed-in-at-start', { homeId, accountId: owner.id });
  }

  private scheduleOpen(): void {
    const at = this.opens.nextAfter(this.world.now(), this.random);
    if (Number.isFinite(at)) this.world.scheduler.at(at, this.openNow);
  }

  /** One bound function for every scheduled open (no closure per open; see Doorbell.onMotion). */
  private readonly openNow = () => this.open(0);

  private scheduleForcedLogout(): void {
    if (this.params.passwordLoginsPerDay <= 0) return;
    const at = this.world.now() + this.random.exponential(24 * 60 * MINUTE_MS / this.params.passwordLoginsPerDay);
    this.world.scheduler.at(at, () => {
      this.token = undefined;
      this.scheduleForcedLogout();
    });
  }

  private hasLiveSession(): boolean {
    return this.token !== undefined && this.cloud.sessions.validate(this.token) !== undefined;
  }

  /** Opens the app; signs in first when needed (retrying once after a typo). */
  private open(typoRetries: number): void {
    if (this.link) return this.scheduleOpen(); // already open
    if (!this.hasLiveSession()) {
      const typo = typoRetries === 0 && this.random.chance(this.params.typoRate);
      const password = typo ? `${this.home.password}x` : this.home.password;
      let result = this.cloud.attemptLogin({ email: this.home.email, password, ip: this.ip, clientFingerprint: this.fingerprint, actor: 'owner' });
      if (result.outcome !== 'ok' && result.outcome !== 'denied' && this.continueLogin) result = this.continueLogin(this.home, result, password);
      if (result.outcome !== 'ok' || !result.session) {
        if (typo) {
          this.world.scheduler.after(result.latencyMs + this.random.int(5, 20) * SECOND_MS, () => this.open(1));
          return;
        }
        this.world.log.emit('app.login-gave-up', { homeId: this.home.homeId, accountId: this.home.owner.id, outcome: result.outcome });
        return this.scheduleOpen();
      }
      this.token = result.session.token;
    }
    const token = this.token!;
    this.world.spawn(() => this.watch(token));
  }

  private async watch(token: string): Promise<void> {
    const { homeId, owner } = this.home;
    const { liveViewCommands, talkCommands } = this;
    let link: Link;
    try {
      // The session's own account address (the app learns it from the cloud with the
      // session), not the one the owner types: a live session outlasts an attacker's e-mail change.
      // Sealed with the home's key, which the cloud hands the app with its session, when payload-encryption is on.
      link = sealedFor(this.world, [homeId], await this.broker.link({ clientId: this.broker.nextClientId(`app-${owner.id}`), username: owner.email, password: token }, this.mode));
    } catch {
      this.token = undefined; // the session died between validate and CONNECT
      return this.scheduleOpen();
    }
    this.link = link;
    this.world.log.emit('app.open', { homeId, accountId: owner.id });
    // A home without a speaker or a live-view device draws nothing for it: nothing to decide.
    link.onMessage((topic, payload) => {
      if (talkCommands && topic.endsWith('/events') && payload.includes('"ding"') && this.random.chance(this.params.talkOnDingChance)) {
        link.publish(talkCommands, JSON.stringify({ cmd: 'talk', message: 'Be right there!' }));
      }
    });
    link.onClose(() => this.closed(link));
    await link.subscribe(homeFilter(homeId));
    let stopLiveView: (() => void) | undefined;
    if (liveViewCommands && this.random.chance(this.params.liveViewChance)) {
      link.publish(liveViewCommands, JSON.stringify({ cmd: 'live-view-start' }));
      let stopped = false;
      stopLiveView = () => {
        if (stopped) return;
        stopped = true;
        link.publish(liveViewCommands, JSON.stringify({ cmd: 'live-view-stop' }));
      };
      this.world.scheduler.after(this.random.exponential(this.params.liveViewMeanMs), stopLiveView);
    }
    this.world.scheduler.after(this.random.exponential(this.params.openMeanMs) + this.params.liveViewMeanMs, () => {
      if (this.link !== link) return;
      // The owner leaves the app: logged first, so the log reads the same whichever link
      // carries what follows. Leaving ends the live view (else the camera would stream to
      // nobody until its own time-out); the connection closes after that command.
      this.closed(link);
      stopLiveView?.();
      this.world.spawn(() => link.close());
    });
  }

  private closed(link: Link): void {
    if (this.link !== link) return;
    this.link = undefined;
    this.world.log.emit('app.close', { homeId: this.home.homeId, accountId: this.home.owner.id });
    this.scheduleOpen();
  }

  async stop(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    if (link) await link.close();
  }
}
