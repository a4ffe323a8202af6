import { createHmac } from 'node:crypto';
import { LESSONS } from '../../scenarios/lessons.js';
import type { LoggedEvent } from '../core/event-log.js';
import type { World } from '../core/world.js';
import type { Cloud } from '../cloud/cloud.js';
import '../defenses/toggle.js';

/** Events lessons read are kept up to this many; a classroom hour at 1,000 homes stays far below. */
const MAX_KEPT_EVENTS = 500_000;

/**
 * What the page and the trainer view show beyond MQTT: the homes taken over, and the
 * lessons completed, each at the virtual time it completed (predicates of lessons.ts over
 * the events they read). Listens to the log; changes nothing.
 */
export class DemoStats {
  readonly takenOver = new Set<string>();
  readonly completed = new Map<string, number>();
  private readonly events: LoggedEvent[] = [];

  constructor(private readonly world: World, cloud: Cloud, private readonly ctfKey: string | undefined) {
    world.log.subscribeTo('cloud.login', (e) => {
      this.keep(e);
      if (e.actor === 'attacker' && e.outcome === 'ok' && e.accountId) {
        for (const homeId of cloud.accounts.get(e.accountId)?.homeIds ?? []) this.takenOver.add(homeId);
      }
    });
    world.log.subscribeTo('demo.defense-toggled', (e) => this.keep(e));
  }

  private keep(event: LoggedEvent): void {
    if (this.events.length < MAX_KEPT_EVENTS) this.events.push({ ...event });
  }

  /** Checks the lessons not yet completed; returns the keys that completed now. */
  checkLessons(): string[] {
    const now: string[] = [];
    for (const lesson of LESSONS) {
      if (this.completed.has(lesson.key) || !lesson.complete(this.events)) continue;
      this.completed.set(lesson.key, this.world.now());
      now.push(lesson.key);
    }
    return now;
  }

  /** A CTF flag for a completed lesson: HMAC-SHA256 of its key under --ctf-key (none without a key). */
  flagOf(key: string): string | undefined {
    if (!this.ctfKey || !this.completed.has(key)) return undefined;
    return `flag{${createHmac('sha256', this.ctfKey).update(`lesson:${key}`).digest('hex').slice(0, 32)}}`;
  }
}
