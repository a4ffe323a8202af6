import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventLog } from '../../simulator/core/event-log.js';
import { JsonLineWriter, KeyMemo } from '../../simulator/core/json-line-writer.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertProperty } from './support/regressions.js';

/**
 * The event log writes its JSON lines itself (JsonLineWriter) instead of calling
 * JSON.stringify; these properties hold it to JSON.stringify's bytes for any field object,
 * and the log's digest to SHA-256 of the lines `toJsonLines()` builds with JSON.stringify.
 */

const TYPE = 'test.json-fields';
const QUOTED_TYPE = 'test.json "other" ü\\';

declare module '../../simulator/core/event-log.js' {
  interface EventTypes {
    'test.json-fields': Record<string, unknown>;
    'test.json "other" ü\\': Record<string, unknown>;
  }
}

/** One UTF-16 unit or code point of any kind: control characters, escapes, lone surrogates, astral. */
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x80, max: 0xffff }).map((c) => String.fromCharCode(c)), // includes lone surrogates
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom('"', '\\', '\n', '\u2028', '\u007f', '😀', '\ud800', '\udfff'),
);
const textArb = fc.oneof(fc.string(), fc.string({ unit: anyUnit }), fc.string({ unit: 'grapheme' }));
const keyArb = fc.oneof(
  textArb,
  fc.nat(20).map(String), // integer-like keys come first in JSON.stringify's order
  fc.constantFrom('__proto__', 'constructor', 'toString', '-1', '01', '1.5', '4294967295', 'k"e\\y', 'ключ'),
);
const numberArb = fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double(), fc.constantFrom(-0, 1e21, 5e-7, 2 ** 53, -(2 ** 53) + 1, 0.1 + 0.2));
const leafArb = fc.oneof(
  { weight: 3, arbitrary: textArb },
  { weight: 2, arbitrary: numberArb },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const valueArb = fc.oneof(
  { weight: 6, arbitrary: leafArb },
  { weight: 1, arbitrary: fc.date() }, // toJSON (an invalid date gives null)
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.array(leafArb, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(keyArb, leafArb, { maxKeys: 4 }) },
);

/** Field objects built the ways objects get built (literal-like copies, null prototype, fast-check's own). */
function fieldsArb(keys: fc.Arbitrary<string>): fc.Arbitrary<Record<string, unknown>> {
  const dictionary = fc.oneof(fc.dictionary(keys, valueArb, { maxKeys: 8 }), fc.dictionary(keys, leafArb, { maxKeys: 8, noNullPrototype: true }));
  return fc.tuple(dictionary, fc.constantFrom('as-is', 'spread', 'fromEntries')).map(([d, how]) => {
    if (how === 'spread') return { ...d };
    if (how === 'fromEntries') return Object.fromEntries(Object.entries(d));
    return d;
  });
}

/** What members() must write: JSON.stringify's members, each after a comma. */
function expectedMembers(fields: object): string {
  const body = JSON.stringify(fields);
  return body === '{}' ? '' : `,${body.slice(1, -1)}`;
}

function expectSameBytes(actual: Uint8Array, expected: string): void {
  expect(Buffer.from(actual).toString('utf8')).toBe(expected);
  expect(Buffer.from(actual).equals(Buffer.from(expected, 'utf8'))).toBe(true);
}

function membersOf(fields: object, memo = new KeyMemo(), capacity = 8): Uint8Array {
  const out = new JsonLineWriter(capacity);
  out.members(fields, memo);
  return out.written();
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

class Stamped {
  own = 'own';
}
(Stamped.prototype as unknown as Record<string, unknown>).inherited = 'inherited';

/** Cases worth naming, each beside what JSON.stringify makes of it. */
const explicitCases: Record<string, object> = {
  'lone high surrogate': { a: '\ud800' },
  'lone low surrogate, then a pair': { a: '\udfff\ud83d\ude00' },
  'quote, backslash, newline': { a: '"\\\n' },
  'every control character, each after plain text': Object.fromEntries(Array.from({ length: 32 }, (_, c) => [`c${c}`, `ok${String.fromCharCode(c)}`])),
  'DEL and U+2028': { a: '\u007f\u2028\u2029' },
  emoji: { a: '😀👍🏽', '😀': 1 },
  'non-ASCII text': { a: 'Grüße, 東京', b: 'x'.repeat(40) + 'é' },
  'minus zero': { a: -0, b: [-0], c: { d: -0 } },
  '1e21 and other exponents': { a: 1e21, b: 5e-7, c: 1e-7, d: 123e300, e: -1e21, f: Number.MIN_VALUE, g: Number.MAX_VALUE },
  'safe-integer edges': { a: 2 ** 53 - 1, b: -(2 ** 53 - 1), c: 2 ** 53, d: 10 ** 15, e: 999_999_999_999_999, f: 9 },
  'NaN and infinities': { a: NaN, b: Infinity, c: -Infinity },
  'a Date (toJSON) and an invalid Date': { a: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), b: new Date(NaN) },
  'an own property whose value is undefined': { a: undefined, b: 1, c: undefined },
  'only undefined members': { a: undefined },
  'functions and symbols are left out': { a: () => 1, b: Symbol('s'), c: 'kept' },
  'toJSON gets the member key': { a: { toJSON: (key: string) => `key=${key}` }, b: { toJSON: () => undefined } },
  'a function with toJSON is written': { a: Object.assign(() => 1, { toJSON: () => 'fn' }) },
  'boxed primitives': { a: Object(1), b: Object('s'), c: Object(false) },
  'nested objects and arrays': { a: { b: [1, 'two', null, { c: true }], d: {} }, e: [] },
  'integer-like keys come first, in numeric order': { b: 1, 10: 2, 2: 3, a: 4, '-1': 5, '01': 6 },
  'keys that need escapes': { '"': 1, '\\': 2, '\n': 3, '\ud800': 4, 'é': 5 },
  'an own __proto__ key': JSON.parse('{"__proto__": 1, "a": 2}') as object,
  'inherited enumerable properties are left out': new Stamped(),
  'null prototype': Object.assign(Object.create(null) as object, { a: 1, b: 'x' }),
  empty: {},
};

describe('event JSON lines (JsonLineWriter)', () => {
  for (const [name, fields] of Object.entries(explicitCases)) {
    it(`writes JSON.stringify's members: ${name}`, () => {
      expectSameBytes(membersOf(fields), expectedMembers(fields));
    });
  }

  it('throws what JSON.stringify throws (bigint, cycle) and the log keeps no partial line', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    let t = 1;
    const log = new EventLog(() => t, { retain: true });
    log.emit(TYPE, { before: 'x' });
    for (const fields of [{ a: 'x', b: 1n }, { a: 'x', b: cycle }]) {
      expect(() => JSON.stringify(fields)).toThrow(TypeError);
      expect(() => membersOf(fields)).toThrow(TypeError);
      expect(() => log.emit(TYPE, fields)).toThrow(TypeError);
    }
    t = 2;
    log.emit(TYPE, { after: 'y' });
    expect(log.events()).toHaveLength(2);
    expect(log.digest()).toBe(sha256(log.toJsonLines()));
  });

  it('INV-LOG-4: for any field object, the log writes exactly the bytes of JSON.stringify(fields) encoded as UTF-8', () => {
    // One memo for every run, as the log keeps one per event type: keys change position and it must follow.
    const memo = new KeyMemo();
    assertProperty(
      'INV-LOG-4',
      fc.property(fc.oneof(fieldsArb(keyArb), fc.object()), fc.nat(40), (fields, capacity) => {
        const expected = expectedMembers(fields);
        expectSameBytes(membersOf(fields, memo, capacity + 1), expected);
        expectSameBytes(membersOf(fields, memo, capacity + 1), expected); // with the memo warm
      }),
      { numRuns: runs(500) },
    );
  }, propTimeout());

  it('an event without fields is {"t":…,"seq":…,"type":…} and a newline', () => {
    const log = new EventLog(() => 1);
    log.emit(TYPE, {});
    expect(log.digest()).toBe(sha256('{"t":1,"seq":0,"type":"test.json-fields"}\n'));
  });

  it('INV-LOG-4: the digest is SHA-256 of toJsonLines() for any events (times, types, fields)', () => {
    // The log's own keys, which no event declares, and integer-like keys: JSON.stringify of the
    // merged event (toJsonLines) would put those before "t", the log writes fields after "type".
    // Event fields are named like identifiers, so neither occurs.
    const reserved = new Set(['t', 'seq', 'type']);
    const integerLike = (k: string) => String(Number(k) >>> 0) === k && k !== '4294967295';
    const eventArb = fc.record({
      advance: fc.oneof(fc.constant(0), fc.nat(5), fc.maxSafeNat(), fc.double({ min: 0, max: 1e6, noNaN: true })),
      type: fc.constantFrom(TYPE, QUOTED_TYPE),
      fields: fieldsArb(keyArb.filter((k) => !reserved.has(k) && !integerLike(k))),
      digestHere: fc.boolean(),
    });
    assertProperty(
      'INV-LOG-4',
      fc.property(fc.array(eventArb, { maxLength: 30 }), (events) => {
        let t = 0;
        const log = new EventLog(() => t, { retain: true });
        for (const e of events) {
          t += e.advance;
          log.emit(e.type, e.fields);
          if (e.digestHere) expect(log.digest()).toBe(sha256(log.toJsonLines()));
        }
        expect(log.digest()).toBe(sha256(log.toJsonLines()));
      }),
      { numRuns: runs(200) },
    );
  }, propTimeout());

  it('lines larger than the buffer, and many lines across hash batches, hash as toJsonLines()', () => {
    let t = 0;
    const log = new EventLog(() => t, { retain: true });
    const big = ['x'.repeat(300_000), 'é😀\ud800'.repeat(50_000), `${'a'.repeat(100_000)}"`];
    for (let i = 0; i < 6000; i++) {
      if (i % 7 === 0) t += 1;
      log.emit(TYPE, { i, homeId: `h${i % 37}`, outcome: i % 3 ? 'denied' : 'ok', score: i / 8, flag: i % 2 === 0, note: null });
      if (i % 1000 === 500) log.emit(QUOTED_TYPE, { big: big[(i / 1000) % 3 | 0]! });
      if (i % 1500 === 0) expect(log.digest()).toBe(sha256(log.toJsonLines()));
    }
    expect(log.digest()).toBe(sha256(log.toJsonLines()));
  });

  it('INV-LOG-5: listeners get exactly { t, seq, type, ...fields } for any field object, as key lists change', () => {
    const expectSameEvent = (actual: object, expected: object) => {
      expect(Object.getPrototypeOf(actual)).toBe(Object.prototype);
      expect(Reflect.ownKeys(actual)).toEqual(Reflect.ownKeys(expected));
      for (const key of Reflect.ownKeys(expected)) {
        expect(Object.getOwnPropertyDescriptor(actual, key)).toEqual(Object.getOwnPropertyDescriptor(expected, key));
      }
    };
    let t = 0;
    const seen: object[] = [];
    // One log for every run: one type's key list keeps changing, and its compiled builder must follow.
    const log = new EventLog(() => t);
    log.subscribe((event) => seen.push(event));
    const check = (type: typeof TYPE | typeof QUOTED_TYPE, fields: Record<string, unknown>) => {
      t += 1;
      seen.length = 0;
      log.emit(type, fields);
      expectSameEvent(seen[0]!, { t, seq: 0, type, ...fields });
    };
    for (const fields of Object.values(explicitCases)) check(TYPE, fields as Record<string, unknown>);
    check(TYPE, { t: 'shadowed', a: 1 }); // a field named like the log's own keys wins its place, as in a spread
    assertProperty(
      'INV-LOG-5',
      fc.property(fc.array(fc.tuple(fc.constantFrom(TYPE, QUOTED_TYPE), fc.oneof(fieldsArb(keyArb), fc.object())), { minLength: 1, maxLength: 8 }), (events) => {
        for (const [type, fields] of events) check(type, fields as Record<string, unknown>);
      }),
      { numRuns: runs(300) },
    );
  }, propTimeout());
});
