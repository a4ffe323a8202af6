import { ADMITTED, REFUSED, REFUSED_FIRST, type ConsumeResult } from '../../../simulator/defenses/window-limiter.js';
import type { LimiterUnderTest } from './limiter-property.js';

/**
 * A deliberately broken copy of simulator/defenses/window-limiter.ts, for rate-limit-can-fail:
 * the ring keeps appending while it holds `limit` entries (`<=` where the real one has `<`),
 * so it admits `limit + 1` attempts per window — the classic off-by-one. Everything else is
 * the real algorithm (kept in a Map of arrays rather than the ring pool), so the only thing
 * INV-RATE-1 can catch is that one character.
 * Never import this outside the test folder.
 */
const HEAD = 0;
const REFUSING = 1;
const FIRST = 2;

export class OffByOneLimiter implements LimiterUnderTest {
  private readonly rings = new Map<number, number[]>();

  constructor(readonly params: { limit: number; windowMs: number }) {}

  consume(key: number, nowMs: number): ConsumeResult {
    const ring = this.rings.get(key);
    if (ring === undefined) {
      this.rings.set(key, [FIRST, 0, nowMs]);
      return ADMITTED;
    }
    if (ring.length - FIRST <= this.params.limit) {
      ring.push(nowMs); // BUG: should be `<`; the ring grows to limit + 1 entries
    } else {
      const head = ring[HEAD]!;
      if (ring[head]! > nowMs - this.params.windowMs) {
        if (ring[REFUSING] === 1) return REFUSED;
        ring[REFUSING] = 1;
        return REFUSED_FIRST;
      }
      ring[head] = nowMs;
      ring[HEAD] = head + 1 === ring.length ? FIRST : head + 1;
    }
    ring[REFUSING] = 0;
    return ADMITTED;
  }

  count(key: number, nowMs: number): number {
    const ring = this.rings.get(key);
    if (!ring) return 0;
    let n = 0;
    for (let i = FIRST; i < ring.length; i++) if (ring[i]! > nowMs - this.params.windowMs) n++;
    return n;
  }

  nextAdmissionMs(key: number, nowMs: number): number {
    const ring = this.rings.get(key);
    if (!ring || ring.length - FIRST <= this.params.limit) return nowMs;
    return Math.max(nowMs, ring[ring[HEAD]!]! + this.params.windowMs);
  }

  sweep(nowMs: number): void {
    for (const [key, ring] of this.rings) {
      const head = ring[HEAD]!;
      const newest = head === FIRST ? ring[ring.length - 1]! : ring[head - 1]!;
      if (newest <= nowMs - this.params.windowMs) this.rings.delete(key);
    }
  }
}
