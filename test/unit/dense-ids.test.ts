import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DenseIds, parseIpv4 } from '../../simulator/cloud/dense-ids.js';

describe('DenseIds', () => {
  it('parses canonical dotted quads and nothing else', () => {
    expect(parseIpv4('0.0.0.0')).toBe(0);
    expect(parseIpv4('45.0.1.2')).toBe(45 * 2 ** 24 + 258);
    expect(parseIpv4('255.255.255.255')).toBe(2 ** 32 - 1);
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.0.0.1', '01.2.3.4', '1..2.3', '1.2.3.', '.1.2.3', '1.2.3.4 ', 'a.b.c.d', '::1', '1.2.3.-4', '1234.1.1.1']) {
      expect(parseIpv4(bad), bad).toBe(-1);
    }
  });

  it('gives one id per distinct string, 0, 1, 2 … in order of first sight, across growth and both kinds of key', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.ipV6(), fc.string({ maxLength: 6 }), fc.nat(3000).map((n) => `10.0.${n >> 8}.${n & 255}`)), { minLength: 50, maxLength: 400 }),
        (keys) => {
          const ids = new DenseIds();
          const model = new Map<string, number>();
          for (const key of keys) {
            if (!model.has(key)) model.set(key, model.size);
            expect(ids.idOf(key), key).toBe(model.get(key));
          }
          expect(ids.size).toBe(model.size);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps ids stable while its table grows past many thousand addresses', () => {
    const ids = new DenseIds();
    const address = (i: number) => `45.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    for (let i = 0; i < 50_000; i++) expect(ids.idOf(address(i))).toBe(i);
    for (let i = 0; i < 50_000; i += 97) expect(ids.idOf(address(i))).toBe(i);
    expect(ids.idOf('not-an-ip')).toBe(50_000);
  });
});
