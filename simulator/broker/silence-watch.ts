import type { Duplex } from 'node:stream';
import type { TimerHandle } from '../core/scheduler.js';
import type { World } from '../core/world.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    /** An accepted connection closed for silence (max-keepalive: no packet for 1.5 × its keepalive). */
    'broker.keepalive-expired': { clientId: string; silentMs: number };
  }
}

interface Watched {
  readonly clientId: string;
  readonly limitMs: number;
  lastHeardMs: number;
  timer: TimerHandle | undefined;
}

/**
 * Closes accepted connections that stay silent longer than their limit, on the world's
 * scheduler (virtual time, so a run replays; aedes' own keepalive is a wall-clock setTimeout
 * that a simulated hour never reaches). MQTT 3.1.1 §3.1.2.10: the server disconnects a client
 * it has heard nothing from for one and a half keepalive periods. A packet only moves
 * `lastHeardMs`; the timer is re-armed lazily when it fires, so traffic costs no heap work.
 */
export class SilenceWatch {
  private readonly watched = new WeakMap<Duplex, Watched>();

  /** `active`: false once the defence that asked is switched off (the classroom toggle); its watches then lapse. */
  constructor(
    private readonly world: World,
    private readonly active: () => boolean = () => true,
  ) {}

  /** Starts watching `conn` (an accepted connection) from now. */
  watch(conn: Duplex, clientId: string, limitMs: number): void {
    const entry: Watched = { clientId, limitMs, lastHeardMs: this.world.now(), timer: undefined };
    this.watched.set(conn, entry);
    this.arm(conn, entry, limitMs);
    conn.once('close', () => this.world.scheduler.cancel(entry.timer));
  }

  /** Bytes arrived from the client on `conn`. */
  heard(conn: Duplex): void {
    const entry = this.watched.get(conn);
    if (entry) entry.lastHeardMs = this.world.now();
  }

  private arm(conn: Duplex, entry: Watched, delayMs: number): void {
    // Through a weak reference the heap entry does not pin a closed stream until its time comes.
    const ref = new WeakRef(conn);
    entry.timer = this.world.scheduler.after(delayMs, () => {
      const live = ref.deref();
      if (!live || live.destroyed || !this.active()) return;
      const silentMs = this.world.now() - entry.lastHeardMs;
      if (silentMs < entry.limitMs) return this.arm(live, entry, entry.limitMs - silentMs);
      this.world.log.emit('broker.keepalive-expired', { clientId: entry.clientId, silentMs });
      live.destroy();
    });
  }
}
