import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventLog } from '../../simulator/core/event-log.js';
import { JsonLineWriter, KeyMemo } from '../../simulator/core/json-line-writer.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertProperty } from './support/regressions.js';

/**
 * JsonLineWriter keeps `,"key":"value"` encoded for string values that come in runs at one
 * position (KeyMemo.members). Random field objects (event-json.test.ts) almost never repeat a
 * value, so these properties draw from a few keys and values, in runs, with keys moving
 * between positions and values that need escapes, and hold every line to JSON.stringify.
 */

declare module '../../simulator/core/event-log.js' {
  interface EventTypes {
    'test.memo-fields': Record<string, unknown>;
  }
}

const KEYS = ['actor', 'outcome', 'ip', 'é', 'k"q'];
/** Plain ASCII (memoised), escapes and non-ASCII (never memoised), a long one (over the length limit), non-strings. */
const VALUES: unknown[] = ['attacker', 'denied', 'challenge', 'a"b', 'line\n', 'Grüße', '\ud800', 'x'.repeat(60), '', 7, null, true, undefined];

const fieldsArb = fc
  .tuple(fc.shuffledSubarray(KEYS, { minLength: 0 }), fc.array(fc.constantFrom(...VALUES), { minLength: KEYS.length, maxLength: KEYS.length }))
  .map(([keys, values]) => Object.fromEntries(keys.map((k, i) => [k, values[i]])));

/** A sequence of field objects in runs: each drawn object repeats 1 to 8 times. */
const runsArb = fc.array(fc.tuple(fieldsArb, fc.integer({ min: 1, max: 8 })), { maxLength: 40 }).map((rs) => rs.flatMap(([f, n]) => Array.from({ length: n }, () => ({ ...f }))));

function expectedMembers(fields: object): string {
  const body = JSON.stringify(fields);
  return body === '{}' ? '' : `,${body.slice(1, -1)}`;
}

describe('JsonLineWriter with memoised string members', () => {
  it('INV-LOG-4: writes JSON.stringify\'s members for values in runs, keys moving between positions', () => {
    assertProperty(
      'INV-LOG-4',
      fc.property(runsArb, (sequence) => {
        const memo = new KeyMemo();
        for (const fields of sequence) {
          const out = new JsonLineWriter(4);
          out.members(fields, memo);
          expect(Buffer.from(out.written()).toString('utf8')).toBe(expectedMembers(fields));
        }
      }),
      { numRuns: runs(300) },
    );
  }, propTimeout());

  it('memoises a repeated value (one member copy) and keeps the bytes of the first write', () => {
    const memo = new KeyMemo();
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) {
      const out = new JsonLineWriter();
      out.members({ actor: 'attacker', outcome: i % 10 < 5 ? 'denied' : 'challenge', ip: `10.0.0.${i}` }, memo);
      lines.push(Buffer.from(out.written()).toString('utf8'));
    }
    expect(lines[0]).toBe(',"actor":"attacker","outcome":"denied","ip":"10.0.0.0"');
    expect(lines[39]).toBe(',"actor":"attacker","outcome":"challenge","ip":"10.0.0.39"');
    expect([...(memo.members[0]?.keys() ?? [])]).toEqual(['attacker']);
    expect([...(memo.members[1]?.keys() ?? [])].sort()).toEqual(['challenge', 'denied']);
    expect(memo.members[2]).toBeUndefined(); // no IP came twice in a row
  });

  it('the digest stays SHA-256 of toJsonLines() and the sink gets exactly those bytes, across hash batches', () => {
    assertProperty(
      'INV-LOG-4',
      fc.property(runsArb, fc.integer({ min: 1, max: 3000 }), (sequence, repeat) => {
        const chunks: Buffer[] = [];
        let t = 0;
        const log = new EventLog(() => t, { retain: true, sink: (bytes) => chunks.push(Buffer.from(bytes)) });
        for (let r = 0; r < Math.min(repeat, 1 + (3000 / (sequence.length + 1) | 0)); r++) {
          for (const fields of sequence) {
            t += r % 3;
            log.emit('test.memo-fields', fields);
          }
        }
        const lines = log.toJsonLines();
        const digest = createHash('sha256').update(lines).digest('hex');
        expect(log.digest()).toBe(digest);
        expect(Buffer.concat(chunks).toString('utf8')).toBe(lines);
      }),
      { numRuns: runs(40) },
    );
  }, propTimeout());
});
