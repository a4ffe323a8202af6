import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SeededRandom } from '../../simulator/core/random.js';
import { PairTable } from '../../simulator/core/pair-table.js';

type Op = { kind: 'set' | 'get' | 'delete'; pair: number; v: number } | { kind: 'sweep'; below: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constantFrom('set' as const, 'set' as const, 'get' as const, 'delete' as const), pair: fc.nat(), v: fc.integer({ min: -1e6, max: 1e6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sweep' as const), below: fc.integer({ min: -1e6, max: 1e6 }) }) },
);
/**
 * Ops draw from a pool of random pairs: random ids collide in the table (structured ones like
 * 0, 1, 2 … are spread apart by its hash and never would), so probe paths run over tombstones.
 */
const pool = fc.uniqueArray(fc.tuple(fc.nat(2 ** 31 - 1), fc.nat(2 ** 31 - 1)), { minLength: 500, maxLength: 900, selector: ([a, b]) => `${a},${b}` });

describe('PairTable', () => {
  it('behaves as a Map keyed by the pair through sets, deletes, sweeps, tombstones and rebuilds', () => {
    fc.assert(
      fc.property(pool, fc.array(op, { minLength: 2500, maxLength: 4000 }), (pairs, ops) => {
        const table = new PairTable();
        const model = new Map<string, number>();
        for (const o of ops) {
          if (o.kind === 'sweep') {
            table.deleteWhere((v) => v < o.below);
            for (const [k, v] of model) if (v < o.below) model.delete(k);
          } else {
            const [a, b] = pairs[o.pair % pairs.length]!;
            const key = `${a},${b}`;
            if (o.kind === 'set') {
              table.set(a, b, o.v);
              model.set(key, o.v);
            } else if (o.kind === 'delete') {
              expect(table.delete(a, b)).toBe(model.delete(key));
            }
            expect(table.get(a, b)).toBe(model.get(key));
          }
          expect(table.size).toBe(model.size);
        }
        for (const [key, v] of model) {
          const [a, b] = key.split(',').map(Number);
          expect(table.get(a!, b!)).toBe(v);
        }
      }),
      // Long op lists shrink slowly; a failure reports its seed and the unshrunk case at once.
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('finds pairs behind tombstones: 20,000 seeded sets and deletes over 600 random pairs agree with a Map', () => {
    const random = new SeededRandom(5);
    const pairs = Array.from({ length: 600 }, () => [random.int(0, 2 ** 31 - 1), random.int(0, 2 ** 31 - 1)] as const);
    const table = new PairTable();
    const model = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const [a, b] = pairs[random.int(0, pairs.length - 1)]!;
      if (i % 3 === 0) expect(table.delete(a, b)).toBe(model.delete(`${a},${b}`));
      else {
        table.set(a, b, i);
        model.set(`${a},${b}`, i);
      }
      expect(table.get(a, b), `step ${i}`).toBe(model.get(`${a},${b}`));
      expect(table.size).toBe(model.size);
    }
  });

  it('keeps every pair through growth to many thousands, and refuses keys that are not dense ids', () => {
    const table = new PairTable();
    for (let i = 0; i < 20_000; i++) table.set(i % 97, i, -i);
    for (let i = 0; i < 20_000; i += 7) expect(table.get(i % 97, i)).toBe(-i);
    expect(table.get(1, 0)).toBeUndefined();
    expect(() => table.set(-1, 0, 1)).toThrow(/dense ids.*-1/);
    expect(() => table.set(0, 0.5, 1)).toThrow(/dense ids.*0\.5/);
  });
});
