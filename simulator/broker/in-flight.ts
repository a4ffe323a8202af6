import type { Settler } from '../core/world.js';
import { TrafficMeter } from './memory-transport.js';

/** Quiet event-loop turns in a row that count as "every in-flight packet delivered". */
const QUIET_TURNS = 3;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The broker's work in flight, for the runner: bytes on in-memory links and hook calls (the
 * meter), and in-process publishes and direct-link operations not yet completed (pending).
 * The clock may move only when both are still.
 */
export class InFlightWork implements Settler {
  readonly meter = new TrafficMeter();
  /** In-process operations started and not yet completed. */
  pending = 0;
  private settledAt = -1;

  /** Counts `work` as pending until it settles (the clock waits for it). */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending++;
    work.then(this.done, this.done); // one bound function, not a closure per call
    return work;
  }

  private readonly done = () => {
    this.pending--;
  };

  busy(): boolean {
    return this.pending > 0 || this.meter.activity !== this.settledAt;
  }

  /** Waits until nothing is pending and the links have been quiet for QUIET_TURNS turns. */
  async settle(): Promise<void> {
    let quiet = 0;
    let seen = this.meter.activity;
    while (quiet < QUIET_TURNS || this.pending > 0) {
      await nextTurn();
      if (this.meter.activity === seen && this.pending === 0) quiet++;
      else {
        quiet = 0;
        seen = this.meter.activity;
      }
    }
    this.settledAt = this.meter.activity;
  }
}
