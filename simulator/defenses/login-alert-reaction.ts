import type { SeededRandom } from '../core/random.js';
import type { Account } from '../cloud/accounts.js';
import type { Session } from '../cloud/sessions.js';
import type { DefenseEnv } from './defense.js';
import type { OwnerNotices } from './owner-notices.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    /** An alerted owner revoked every session and changed their password. */
    'defense.owner-reacted': { accountId: string; delayMs: number; sessionsRevoked: number };
  }
}

/**
 * The owner's side of a login alert — a model of a person, not of the server.
 *
 * The owner knows whether they just signed in themselves, so this model (unlike every
 * server-side stage) reads the ground truth `session.heldBy`: an alert for their own new
 * phone is recognised and ignored (counted as `alertsOwnLogin`, the alert-fatigue cost);
 * an alert for someone else's login is acted on with probability `reactProbability`,
 * `reactDelayMs` later, on the world's scheduler: revoke every session, then change the
 * password (Cloud.changePassword, which revokes again and bumps the credential epoch so
 * open second-factor tickets die too). One pending reaction per account at a time.
 */
export class OwnerReaction {
  private readonly random: SeededRandom;
  private readonly pending = new Set<string>();
  private readonly counters = { alertsOwnLogin: 0, alertsForeignLogin: 0, ignored: 0, reactions: 0 };

  constructor(
    private readonly env: DefenseEnv,
    private readonly params: { reactProbability: number; reactDelayMs: number },
    private readonly notices: OwnerNotices,
  ) {
    this.random = env.world.rng('defenses/login-alerts/owner-reaction');
  }

  consider(account: Account, session: Session): void {
    if (session.heldBy === 'owner') {
      this.counters.alertsOwnLogin++;
      return;
    }
    this.counters.alertsForeignLogin++;
    if (this.pending.has(account.id)) return;
    if (!this.random.chance(this.params.reactProbability)) {
      this.counters.ignored++;
      return;
    }
    this.pending.add(account.id);
    this.env.world.scheduler.after(this.params.reactDelayMs, () => {
      this.pending.delete(account.id);
      this.react(account);
    });
  }

  stats(): Record<string, number> {
    return { ...this.counters, reactionsPending: this.pending.size };
  }

  private react(account: Account): void {
    const { cloud, world } = this.env;
    const sessionsRevoked = cloud.revokeSessions(account, 'owner');
    // A fresh random password: not reused, so never in the breach corpus.
    const newPassword = `owner-${this.random.hex(12)}`;
    cloud.changePassword(account, newPassword, 'owner');
    this.counters.reactions++;
    world.log.emit('defense.owner-reacted', { accountId: account.id, delayMs: this.params.reactDelayMs, sessionsRevoked });
    this.notices.passwordChanged({ accountId: account.id, newPassword, atMs: world.now(), cause: 'login-alert' });
  }
}
