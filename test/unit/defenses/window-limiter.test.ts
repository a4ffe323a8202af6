import { describe, it, expect } from 'vitest';
import { SeededRandom } from '../../../simulator/core/random.js';
import { ADMITTED, REFUSED, REFUSED_FIRST, SlidingWindowLimiter } from '../../../simulator/defenses/window-limiter.js';

describe('SlidingWindowLimiter', () => {
  it('admits `limit` attempts, refuses the next, and admits again exactly when the oldest leaves the window', () => {
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 1000 });
    expect([0, 100, 200].map((t) => limiter.tryAcquire(0, t))).toEqual([true, true, true]);
    expect(limiter.tryAcquire(0, 999)).toBe(false);
    expect(limiter.nextAdmissionMs(0, 999)).toBe(1000);
    expect(limiter.tryAcquire(0, 1000)).toBe(true); // the admission at 0 has left (0, 1000]
    expect(limiter.tryAcquire(0, 1000)).toBe(false); // 100 and 200 are still inside
    expect(limiter.tryAcquire(0, 1100)).toBe(true);
    expect(limiter.count(0, 1100)).toBe(3);
  });

  it('keeps keys independent', () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000 });
    expect(limiter.tryAcquire(0, 0)).toBe(true);
    expect(limiter.tryAcquire(0, 1)).toBe(false);
    expect(limiter.tryAcquire(1, 1)).toBe(true);
  });

  it('does not record refusals: hammering does not extend the block', () => {
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 100 });
    limiter.tryAcquire(0, 0);
    limiter.tryAcquire(0, 0);
    for (let t = 1; t < 100; t++) expect(limiter.tryAcquire(0, t)).toBe(false);
    expect(limiter.tryAcquire(0, 100)).toBe(true);
  });

  it('reports the first refusal of each episode once', () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 10 });
    expect(limiter.consume(0, 0)).toBe(ADMITTED);
    expect(limiter.consume(0, 1)).toBe(REFUSED_FIRST);
    expect(limiter.consume(0, 2)).toBe(REFUSED);
    expect(limiter.consume(0, 10)).toBe(ADMITTED);
    expect(limiter.consume(0, 11)).toBe(REFUSED_FIRST);
  });

  it('grows its ring up to a large limit and still counts exactly', () => {
    const limiter = new SlidingWindowLimiter({ limit: 100, windowMs: 1000 });
    let admitted = 0;
    for (let i = 0; i < 150; i++) if (limiter.tryAcquire(0, 5)) admitted++;
    expect(admitted).toBe(100);
    expect(limiter.tryAcquire(0, 1004)).toBe(false);
    expect(limiter.tryAcquire(0, 1005)).toBe(true);
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
        if (limiter.tryAcquire(0, t)) admitted.push(t);
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
    for (let i = 0; i < 4096; i++) limiter.tryAcquire(i, 0);
    expect(limiter.size).toBe(4096);
    limiter.tryAcquire(4096, 100); // over the sweep threshold: idle keys go
    expect(limiter.size).toBe(1);
    limiter.sweep(100);
    expect(limiter.size).toBe(1); // 4096 is still inside its window
  });

  it('takes keys in any order (a dense id first seen late) and refuses keys that are not dense ids', () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 10 });
    expect(limiter.tryAcquire(5000, 0)).toBe(true);
    expect(limiter.tryAcquire(3, 0)).toBe(true);
    expect(limiter.tryAcquire(5000, 1)).toBe(false);
    expect(limiter.count(3, 1)).toBe(1);
    expect(limiter.count(4999, 1)).toBe(0);
    expect(limiter.size).toBe(2);
    expect(() => limiter.tryAcquire(-1, 0)).toThrow(/dense id.*-1/);
    expect(() => limiter.tryAcquire(1.5, 0)).toThrow(/dense id.*1\.5/);
  });

  it('agrees with a naive sliding log over many keys while rings grow, move and get compacted', () => {
    // Many keys and sweeps: segments double, move to the pool's end and are compacted (ring-pool.ts).
    const random = new SeededRandom(11);
    const limit = 6;
    const windowMs = 50;
    const limiter = new SlidingWindowLimiter({ limit, windowMs });
    const log = new Map<number, number[]>();
    let t = 0;
    for (let step = 0; step < 20_000; step++) {
      t += random.int(0, 2);
      const key = random.int(0, 299);
      const inWindow = (log.get(key) ?? []).filter((a) => a > t - windowMs);
      const admitted = limiter.tryAcquire(key, t);
      expect(admitted, `key ${key} at ${t} (step ${step})`).toBe(inWindow.length < limit);
      if (admitted) log.set(key, [...inWindow, t]);
      expect(limiter.count(key, t)).toBe(admitted ? inWindow.length + 1 : inWindow.length);
      if (step % 997 === 0) limiter.sweep(t);
    }
  });

  it('rejects nonsense limits', () => {
    expect(() => new SlidingWindowLimiter({ limit: 0, windowMs: 10 })).toThrow(/limit/);
    expect(() => new SlidingWindowLimiter({ limit: 1, windowMs: 0 })).toThrow(/windowMs/);
  });
});
