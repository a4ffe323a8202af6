import type { EventType, LoggedEvent } from '../core/event-log.js';
import type { World } from '../core/world.js';

export type MetricValue = number | null;

/** Named numbers a run reports; keys sorted on export so reports serialise stably. */
export class Metrics {
  private readonly values = new Map<string, MetricValue>();

  add(name: string, amount = 1): void {
    this.values.set(name, ((this.values.get(name) as number | undefined) ?? 0) + amount);
  }

  set(name: string, value: MetricValue): void {
    this.values.set(name, value);
  }

  /** Keeps the smallest value seen (time to first takeover and the like). */
  min(name: string, value: number): void {
    const current = this.values.get(name);
    if (current === undefined || current === null || value < current) this.values.set(name, value);
  }

  get(name: string): MetricValue {
    return this.values.get(name) ?? 0;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  toJSON(): Record<string, MetricValue> {
    const keys = [...this.values.keys()].sort();
    return Object.fromEntries(keys.map((k) => [k, roundForReport(this.values.get(k)!)]));
  }
}

/** Reports carry at most 6 significant decimals so platform float noise cannot leak in. */
function roundForReport(value: MetricValue): MetricValue {
  return value === null || Number.isInteger(value) ? value : Number(value.toFixed(6));
}

type Handler<K extends EventType> = (event: LoggedEvent<K>, metrics: Metrics) => void;

/**
 * Turns the event log into metrics as it is written: scenarios register a handler per event
 * type; the recorder is the only place numbers come from, so every figure traces to events.
 */
export class MetricsRecorder {
  readonly metrics = new Metrics();

  // Handlers subscribe per type: the log builds an event object only for types someone reads.
  constructor(private readonly world: World) {}

  on<K extends EventType>(type: K, handler: Handler<K>): this {
    this.world.log.subscribeTo(type, (event) => handler(event, this.metrics));
    return this;
  }

  /** Counts events of `type` into `metric` (reported as 0 when none happen). */
  count<K extends EventType>(type: K, metric: string, when?: (event: LoggedEvent<K>) => boolean): this {
    this.metrics.add(metric, 0);
    return this.on(type, (event, metrics) => {
      if (!when || when(event)) metrics.add(metric);
    });
  }

  /** Sums `amount(event)` over events of `type` into `metric` (0 when none happen). */
  sum<K extends EventType>(type: K, metric: string, amount: (event: LoggedEvent<K>) => number): this {
    this.metrics.add(metric, 0);
    return this.on(type, (event, metrics) => metrics.add(metric, amount(event)));
  }
}
