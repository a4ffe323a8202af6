import { describe, it, expect } from 'vitest';
import { SeededRandom } from '../../../simulator/core/random.js';
import { ADMITTED, REFUSED, REFUSED_FIRST, SlidingWindowLimiter } from '../../../simulator/defenses/window-limiter.js';

describe('SlidingWindowLimiter', () => {
  it('admits `limit` attempts, refuses the next, and admits again exactly when the oldest leaves the window', () => {
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 1000 });
    expect([0, 100, 200].map((t) => limiter.tryAcquire('ip', t))).toEqual([true, true, true]);
    expect(limiter.tryAcquire('ip', 999)).toBe(false);
    expect(limiter.nextAdmissionMs('ip', 999)).toBe(1000);
    expect(limiter.tryAcquire('ip', 1000)).toBe(true); // the admission at 0 has left (0, 1000]
    expect(limiter.tryAcquire('ip', 1000)).toBe(false); // 100 and 200 are still inside
    expect(limiter.tryAcquire('ip', 1100)).toBe(true);
    expect(limiter.count('ip', 1100)).toBe(3);
  });

  it('keeps keys independent', () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000 });
    expect(limiter.tryAcquire('a', 0)).toBe(true);
    expect(limiter.tryAcquire('a', 1)).toBe(false);
    expect(limiter.tryAcquire('b', 1)).toBe(true);
  });

  it('does not record refusals: hammering does not extend the block', () => {
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 100 });
    limiter.tryAcquire('k', 0);
    limiter.tryAcquire('k', 0);
    for (let t = 1; t < 100; t++) expect(limiter.tryAcquire('k', t)).toBe(false);
    expect(limiter.tryAcquire('k', 100)).toBe(true);
  });

  it('reports the first refusal of each episode once', () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 10 });
    expect(limiter.consume('k', 0)).toBe(ADMITTED);
    expect(limiter.consume('k', 1)).toBe(REFUSED_FIRST);
    expect(limiter.consume('k', 2)).toBe(REFUSED);
    expect(limiter.consume('k', 10)).toBe(ADMITTED);
    expect(limiter.consume('k', 11)).toBe(REFUSED_FIRST);
  });

  it('grows its ring up to a large limit and still counts exactly', () => {
    const limiter = new SlidingWindowLimiter({ limit: 100, windowMs: 1000 });
    let admitted = 0;
    for (let i = 0; i < 150; i++) if (limiter.tryAcquire('k', 5)) admitted++;
    expect(admitted).toBe(100);
    expect(limiter.tryAcquire('k', 1004)).toBe(false);
    expect(limiter.tryAcquire('k', 1005)).toBe(true);
  });

  it('never admits more than `limit` in any window [a, a + windowMs) over a random schedule', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = new SeededRandom(seed);
      const limit = random.int(1, 8);
      const windowMs = random.int(1, 50);
      const limiter = new SlidingWindowLimiter({ limit, windowMs });
      const admitted: number[] = [];
      let t = 0;
      for (let i = 0; i < 2000; i++) {
        t += random.int(0, 5);
        if (limiter.tryAcquire('k', t)) admitted.push(t);
      }
      // Every window starting at an admission is the tightest: count admissions in [a, a + windowMs).
      for (let i = 0; i < admitted.length; i++) {
        let n = 0;
        for (let j = i; j < admitted.length && admitted[j]! < admitted[i]! + windowMs; j++) n++;
        expect(n).toBeLessThanOrEqual(limit);
      }
      // Liveness: every refusal happened while `limit` admissions were in the window.
      expect(admitted.length).toBeGreaterThan(0);
    }
  });

  it('sweeps keys idle for a whole window once the table has grown', () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 10 });
    for (let i = 0; i < 4096; i++) limiter.tryAcquire(`ip-${i}`, 0);
    expect(limiter.size).toBe(4096);
    limiter.tryAcquire('late', 100); // over the sweep threshold: idle keys go
    expect(limiter.size).toBe(1);
    limiter.sweep(100);
    expect(limiter.size).toBe(1); // 'late' is still inside its window
  });

  it('rejects nonsense limits', () => {
    expect(() => new SlidingWindowLimiter({ limit: 0, windowMs: 10 })).toThrow(/limit/);
    expect(() => new SlidingWindowLimiter({ limit: 1, windowMs: 0 })).toThrow(/windowMs/);
  });
});
