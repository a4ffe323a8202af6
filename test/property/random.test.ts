import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SeededRandom } from '../../simulator/core/random.js';
import { World } from '../../simulator/core/world.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertProperty } from './support/regressions.js';

const seedArb = fc.maxSafeNat();
const nameArb = fc.string({ unit: 'grapheme', maxLength: 12 });

/** One draw of any kind the generator offers. */
const draw = fc.oneof(
  fc.constant({ op: 'float' as const }),
  fc.record({ op: fc.constant('int' as const), a: fc.integer({ min: -1000, max: 1000 }), span: fc.nat(5000) }),
  fc.record({ op: fc.constant('hex' as const), n: fc.nat(40) }),
  fc.record({ op: fc.constant('chance' as const), p: fc.double({ min: -0.5, max: 1.5, noNaN: true }) }),
  fc.record({ op: fc.constant('shuffle' as const), n: fc.nat(12) }),
  fc.record({ op: fc.constant('weighted' as const), w: fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant('exponential' as const), mean: fc.double({ min: 0.001, max: 1e6, noNaN: true }) }),
);
type Draw = typeof draw extends fc.Arbitrary<infer D> ? D : never;

function perform(rng: SeededRandom, d: Draw): unknown {
  switch (d.op) {
    case 'float':
      return rng.float();
    case 'int':
      return rng.int(d.a, d.a + d.span);
    case 'hex':
      return rng.hex(d.n);
    case 'chance':
      return rng.chance(d.p);
    case 'shuffle':
      return rng.shuffle(Array.from({ length: d.n }, (_, i) => i));
    case 'weighted':
      return rng.weighted(d.w);
    case 'exponential':
      return rng.exponential(d.mean);
  }
}

describe('seeded random', () => {
  test('INV-RNG-1: same seed and path give the same sequence (directly and through World.rng)', () => {
    assertProperty(
      'INV-RNG-1',
      fc.property(seedArb, nameArb, fc.array(draw, { maxLength: 30 }), (seed, name, draws) => {
        const a = new SeededRandom(seed, `root/${name}`);
        const b = new SeededRandom(seed).stream(name);
        const c = new World({ seed }).rng(name);
        const seqA = draws.map((d) => perform(a, d));
        expect(draws.map((d) => perform(b, d))).toEqual(seqA);
        expect(draws.map((d) => perform(c, d))).toEqual(seqA);
      }),
      { numRuns: runs(200) },
    );
  }, propTimeout());

  test('INV-RNG-2: drawing from other named streams, in any interleaving, never changes the sequence of a stream', () => {
    assertProperty(
      'INV-RNG-2',
      fc.property(
        seedArb,
        nameArb,
        fc.array(fc.tuple(fc.option(nameArb, { nil: undefined }), draw), { maxLength: 40 }),
        (seed, name, steps) => {
          const alone = new World({ seed });
          const crowded = new World({ seed });
          const expected: unknown[] = [];
          const actual: unknown[] = [];
          for (const [other, d] of steps) {
            // undefined = a draw on the observed stream; a name = a draw on another stream
            if (other === undefined || other === name) {
              expected.push(perform(alone.rng(name), d));
              actual.push(perform(crowded.rng(name), d));
            } else {
              perform(crowded.rng(other), d);
            }
          }
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: runs(200) },
    );
  }, propTimeout());

  test('INV-RNG-3: int(min, max) stays in [min, max] over the whole safe-integer range and reaches both ends; float in [0, 1); hex has 2n digits', () => {
    const wide = fc.tuple(fc.maxSafeInteger(), fc.maxSafeInteger()).map(([x, y]): [number, number] => (x <= y ? [x, y] : [y, x]));
    const narrow = fc.tuple(fc.integer({ min: -20, max: 20 }), fc.nat(3)).map(([x, d]) => [x, x + d] as const);
    assertProperty(
      'INV-RNG-3',
      fc.property(seedArb, fc.oneof(wide, narrow), fc.nat(64), (seed, [min, max], bytes) => {
        const rng = new SeededRandom(seed, 'range');
        const seen = new Set<number>();
        const bad: number[] = [];
        for (let i = 0; i < 200; i++) {
          const n = rng.int(min, max);
          if (!Number.isSafeInteger(n) || n < min || n > max) bad.push(n);
          seen.add(n);
          const f = rng.float();
          if (!(f >= 0 && f < 1)) bad.push(f);
        }
        expect(bad, `draws outside [${min}, ${max}] or [0, 1)`).toEqual([]);
        // A range of at most 4 values shows every value in 200 draws (miss chance < 1e-24).
        if (max - min <= 3) expect(seen.size).toBe(max - min + 1);
        expect(rng.hex(bytes)).toMatch(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
        expect(rng.bytes(bytes).length).toBe(bytes);
      }),
      { numRuns: runs(300) },
    );
  }, propTimeout());

  test('INV-RNG-4: bad bounds and bad seeds are refused with a RangeError, never answered', () => {
    assertProperty(
      'INV-RNG-4',
      fc.property(
        fc.oneof(
          fc.tuple(fc.integer(), fc.integer()).filter(([a, b]) => b < a),
          fc.tuple(fc.double({ noInteger: true }), fc.integer()),
          fc.tuple(fc.integer(), fc.double({ noInteger: true })),
        ),
        fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true }), fc.constant(2 ** 53)),
        ([min, max], badSeed) => {
          expect(() => new SeededRandom(1).int(min, max)).toThrow(RangeError);
          expect(() => new SeededRandom(badSeed)).toThrow(RangeError);
        },
      ),
      { numRuns: runs(200) },
    );
  }, propTimeout());
});
