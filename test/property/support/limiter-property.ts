import fc from 'fast-check';
import { expect } from 'vitest';
import { ADMITTED, REFUSED, REFUSED_FIRST, type ConsumeResult } from '../../../simulator/defenses/window-limiter.js';
import { arrivals, gapMs, limitParams, overfullWindow, SlidingLogModel, type Arrival, type LimitParams } from './arrivals.js';

/** What INV-RATE-1 needs of a limiter: SlidingWindowLimiter, or a broken copy of it. */
export interface LimiterUnderTest {
  /** Keys are dense ids, as the login stages pass them (an IP's ipId, an account's index). */
  consume(key: number, nowMs: number): ConsumeResult;
  count(key: number, nowMs: number): number;
  nextAdmissionMs(key: number, nowMs: number): number;
  sweep(nowMs: number): void;
}

export type LimiterFactory = (params: LimitParams) => LimiterUnderTest;

export const KEYS = 3;

/** Some arrivals are followed by a sweep, which must forget nothing that still counts. */
const sweepsAfter = (arrival: Arrival) => arrival.jitter % 7 === 0;

/**
 * INV-RATE-1 on a limiter class: for any arrival sequence (ties, bursts, arrivals on a window's
 * edge, several keys, sweeps in between)
 *   1. no window [a, a + windowMs) of a key holds more than `limit` admissions — checked after
 *      each admission, so a failure names the offending window;
 *   2. every decision, count and next-admission time agrees with the sliding-log model, and a
 *      refusal is reported as the first of its episode exactly when it is;
 *   3. after the sequence, every key that is refused is admitted again at the model's
 *      next-admission time, and not one millisecond before.
 */
export function limiterProperty(make: LimiterFactory): fc.IPropertyWithHooks<[LimitParams, Arrival[]]> {
  return fc.property(limitParams, arrivals(KEYS), (params, sequence) => {
    const limiter = make(params);
    const model = new SlidingLogModel(params);
    const admitted = new Map<string, number[]>();
    const refusing = new Map<number, boolean>();
    let t = 0;
    for (const step of sequence) {
      t += gapMs(step, params.windowMs);
      const id = step.key;
      const key = `k${id}`; // the model's key, and the name in messages
      const expectedNext = model.nextAdmission(key, t);
      const result = limiter.consume(id, t);
      if (result === ADMITTED) {
        const list = admitted.get(key) ?? [];
        list.push(t);
        admitted.set(key, list);
        const over = overfullWindow(list, params);
        expect(over, `${key}: ${over?.length} admissions within one window of ${params.windowMs} ms (limit ${params.limit}): at ${over}`).toBeUndefined();
      }
      const modelAdmits = model.wouldAdmit(key, t);
      expect(result === ADMITTED, `${key} at ${t}: admitted? (model: ${modelAdmits})`).toBe(modelAdmits);
      if (modelAdmits) {
        model.record(key, t);
        refusing.set(id, false);
      } else {
        expect(result, `${key} at ${t}: first refusal of an episode?`).toBe(refusing.get(id) ? REFUSED : REFUSED_FIRST);
        refusing.set(id, true);
        expect(limiter.nextAdmissionMs(id, t), `${key} at ${t}: next admission`).toBe(expectedNext);
      }
      expect(limiter.count(id, t), `${key} at ${t}: admissions counted in the window`).toBe(model.inWindow(key, t).length);
      if (sweepsAfter(step)) limiter.sweep(t);
    }
    // Admitted again once the window passes (liveness), exactly then.
    for (const [id, isRefusing] of refusing) {
      if (!isRefusing) continue;
      const key = `k${id}`;
      const next = model.nextAdmission(key, t);
      if (next - 1 >= t) expect(limiter.consume(id, next - 1), `${key} one ms before its window passes`).not.toBe(ADMITTED);
      expect(limiter.consume(id, next), `${key} once its window has passed (at ${next})`).toBe(ADMITTED);
      t = next;
    }
  });
}
