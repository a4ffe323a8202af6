import { createHash, type Hash } from 'node:crypto';

/**
 * The typed catalogue of events. Each module adds its own entries by declaration merging:
 *
 *   declare module '../core/event-log.js' {
 *     interface EventTypes { 'device.motion': { homeId: string; deviceId: string } }
 *   }
 *
 * so the log stays typed without one central file every feature has to edit.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface EventTypes {
  'world.start': { seed: number; homes: number };
  'world.end': { simulatedMs: number };
}

export type EventType = keyof EventTypes;
export type JsonScalar = string | number | boolean | null;

/** One logged action. `t` is virtual milliseconds; `seq` orders events within one instant. */
export type LoggedEvent<K extends EventType = EventType> = { t: number; seq: number; type: K } & EventTypes[K];

export type EventListener = (event: LoggedEvent) => void;

export interface EventLogOptions {
  /** Keep every event in memory (tests, small runs). Large runs keep only counts and the hash. */
  retain?: boolean;
}

/**
 * Append-only event log with a running SHA-256 over its stable serialisation.
 *
 * Serialisation is `JSON.stringify({t, seq, type, ...fields})` + "\n": emitters always build
 * their field objects in source order, so the bytes depend only on what happened.
 */
export class EventLog {
  private readonly hash: Hash = createHash('sha256');
  private readonly listeners: EventListener[] = [];
  private readonly counts = new Map<string, number>();
  private readonly retained: LoggedEvent[] | undefined;
  private seq = 0;
  private lastT = -1;
  /** Serialised events not yet fed to the hash: one native update per batch, not per event. */
  private unhashed = '';
  private unhashedCount = 0;
  size = 0;

  constructor(private readonly now: () => number, options: EventLogOptions = {}) {
    this.retained = options.retain ? [] : undefined;
  }

  emit<K extends EventType>(type: K, fields: EventTypes[K]): LoggedEvent<K> {
    const t = this.now();
    if (t !== this.lastT) {
      this.lastT = t;
      this.seq = 0;
    }
    const event = { t, seq: this.seq++, type, ...fields } as LoggedEvent<K>;
    this.unhashed += `${JSON.stringify(event)}\n`;
    if (++this.unhashedCount >= 256) this.flushHash();
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
    this.size++;
    this.retained?.push(event as LoggedEvent);
    for (const listener of this.listeners) listener(event as LoggedEvent);
    return event;
  }

  /** Called synchronously for every event, in log order (metrics recorders, dashboards). */
  subscribe(listener: EventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private flushHash(): void {
    this.hash.update(this.unhashed);
    this.unhashed = '';
    this.unhashedCount = 0;
  }

  /** SHA-256 (hex) of every event so far; the log stays open for more. */
  digest(): string {
    this.flushHash();
    return this.hash.copy().digest('hex');
  }

  count(type: EventType): number {
    return this.counts.get(type) ?? 0;
  }

  /** Counts per event type, keys sorted so the object serialises stably. */
  countsByType(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Every event so far; only when constructed with `retain: true`. */
  events(): readonly LoggedEvent[] {
    if (!this.retained) throw new Error('EventLog was created without { retain: true }; events() is unavailable');
    return this.retained;
  }

  /** Retained events of one type, typed. */
  ofType<K extends EventType>(type: K): LoggedEvent<K>[] {
    return this.events().filter((e) => e.type === type) as unknown as LoggedEvent<K>[];
  }

  /** The retained log as JSON lines, exactly the bytes that were hashed. */
  toJsonLines(): string {
    return this.events().map((e) => `${JSON.stringify(e)}\n`).join('');
  }
}
