import { createHash, type Hash } from 'node:crypto';
import { EventFactories } from './event-factory.js';
import { encode, JsonLineWriter, KeyMemo, type Chunk } from './json-line-writer.js';

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

/**
 * The log's own keys may not be event fields: the serialisation below writes them first and
 * would otherwise repeat a key. `tsc` (test/unit/typecheck.test.ts) fails on any event type
 * that declares one.
 */
type ReservedFieldOf<K extends EventType> = Extract<keyof EventTypes[K], 't' | 'seq' | 'type'>;
type EventsWithReservedFields = { [K in EventType]: ReservedFieldOf<K> extends never ? never : K }[EventType];
const noEventDeclaresReservedFields: [EventsWithReservedFields] extends [never] ? true : EventsWithReservedFields = true;
void noEventDeclaresReservedFields;
export type JsonScalar = string | number | boolean | null;

/** One logged action. `t` is virtual milliseconds; `seq` orders events within one instant. */
export type LoggedEvent<K extends EventType = EventType> = { t: number; seq: number; type: K } & EventTypes[K];

export type EventListener = (event: LoggedEvent) => void;
export type TypedEventListener<K extends EventType> = (event: LoggedEvent<K>) => void;

export interface EventLogOptions {
  /** Keep every event in memory (tests, small runs). Large runs keep only counts and the hash. */
  retain?: boolean;
  /**
   * Receives the serialised log as it is hashed, in order, in batches of about 64 KiB: the
   * JSON lines exactly as hashed, so SHA-256 of everything it was given is `digest()`
   * (`run --log FILE`). A view, valid only during the call: copy or write it out at once.
   */
  sink?: LogSink;
}

export type LogSink = (bytes: Uint8Array) => void;

interface TypeInfo {
  count: number;
  typeMember: Chunk;
  fields: KeyMemo;
  events: EventFactories;
  /** `subscribeTo` listeners; undefined when there are none, so an unread type builds no event object. */
  listeners: EventListener[] | undefined;
}

/** The hash is fed once this many serialised bytes are waiting: one native call per batch. */
const HASH_BATCH_BYTES = 1 << 16;
const T_KEY = encode('{"t":');
const SEQ_KEY = encode(',"seq":');
const LINE_END = encode('}\n');

/**
 * Append-only event log with a running SHA-256 over its stable serialisation.
 *
 * Serialisation is `JSON.stringify({t, seq, type, ...fields})` + "\n": emitters always build
 * their field objects in source order, so the bytes depend only on what happened.
 *
 * Hot path (millions of events in a flagship run): JSON.stringify, string concatenation and
 * hashing strings (flattened and UTF-8-encoded by the hash) cost about 1 µs an event. So each
 * line is written as UTF-8 bytes straight into one buffer by a JsonLineWriter (ASCII strings
 * and integers byte by byte, the type's `,"type":…` and its fields' keys encoded once per
 * type, anything unusual through JSON.stringify), and the hash takes that buffer every 64 KiB.
 * No merged object is built: the log's keys are numbers and a known type name, and no event
 * has a field of the same name. The event object itself is built only when someone keeps or
 * reads it (retain, subscribe, or a subscribeTo for that type), by a literal compiled for its
 * type's keys (EventFactories) rather than a spread.
 */
export class EventLog {
  private readonly hash: Hash = createHash('sha256');
  private readonly listeners: EventListener[] = [];
  /** Per type (one lookup per event): its count, `,"type":"<name>"` encoded, its fields' keys encoded (KeyMemo), the builder of its event objects and its `subscribeTo` listeners. */
  private readonly types = new Map<string, TypeInfo>();
  private readonly retained: LoggedEvent[] | undefined;
  private readonly sink: LogSink | undefined;
  private seq = 0;
  private lastT = -1;
  /** Serialised events not yet fed to the hash (room for a batch and the line that ends it). */
  private readonly unhashed = new JsonLineWriter(HASH_BATCH_BYTES + (HASH_BATCH_BYTES >> 2));
  size = 0;

  constructor(private readonly now: () => number, options: EventLogOptions = {}) {
    this.retained = options.retain ? [] : undefined;
    this.sink = options.sink;
  }

  emit<K extends EventType>(type: K, fields: EventTypes[K]): void {
    const t = this.now();
    if (t !== this.lastT) {
      this.lastT = t;
      this.seq = 0;
    }
    const seq = this.seq++;
    const info = this.types.get(type) ?? this.typeInfo(type);
    info.count++;
    // Byte for byte JSON.stringify({ t, seq, type, ...fields }) + "\n".
    const out = this.unhashed;
    const lineStart = out.length;
    let keyCount: number;
    try {
      out.raw(T_KEY);
      out.number(t);
      out.raw(SEQ_KEY);
      out.number(seq);
      out.raw(info.typeMember);
      keyCount = out.members(fields, info.fields);
    } catch (error) {
      out.length = lineStart; // a field JSON cannot serialise (a bigint, a cycle) leaves no partial line
      throw error;
    }
    out.raw(LINE_END);
    if (out.length >= HASH_BATCH_BYTES) this.flushHash();
    this.size++;
    const typed = info.listeners;
    if (this.retained === undefined && this.listeners.length === 0 && typed === undefined) return;
    const event = info.events.forKeys(info.fields, keyCount)(t, seq, type, fields) as LoggedEvent;
    this.retained?.push(event);
    for (const listener of this.listeners) listener(event);
    if (typed) for (const listener of typed) listener(event);
  }

  /** Called synchronously for every event, in log order (metrics recorders, dashboards). */
  subscribe(listener: EventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Called synchronously for every event of one type, in log order, after `subscribe` listeners. */
  subscribeTo<K extends EventType>(type: K, listener: TypedEventListener<K>): () => void {
    const info = this.types.get(type) ?? this.typeInfo(type);
    (info.listeners ??= []).push(listener as unknown as EventListener);
    return () => {
      const current = info.listeners;
      const i = current?.indexOf(listener as unknown as EventListener) ?? -1;
      if (i < 0) return;
      current!.splice(i, 1);
      if (current!.length === 0) info.listeners = undefined;
    };
  }

  /** The type's record, made on its first event or subscription (count 0 until an event). */
  private typeInfo(type: string): TypeInfo {
    const info: TypeInfo = { count: 0, typeMember: encode(`,"type":${JSON.stringify(type)}`), fields: new KeyMemo(), events: new EventFactories(), listeners: undefined };
    this.types.set(type, info);
    return info;
  }

  private flushHash(): void {
    const bytes = this.unhashed.written();
    this.hash.update(bytes);
    if (this.sink !== undefined && bytes.length > 0) this.sink(bytes);
    this.unhashed.clear();
  }

  /** SHA-256 (hex) of every event so far; the log stays open for more. */
  digest(): string {
    this.flushHash();
    return this.hash.copy().digest('hex');
  }

  count(type: EventType): number {
    return this.types.get(type)?.count ?? 0;
  }

  /** Counts per event type, keys sorted so the object serialises stably. */
  countsByType(): Record<string, number> {
    // Types only subscribed to (count 0) are not in the counts, as before they had a record.
    const counts = [...this.types.entries()].filter(([, info]) => info.count > 0).map(([type, info]) => [type, info.count] as const);
    return Object.fromEntries(counts.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
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
