/**
 * Appends JSON text as UTF-8 bytes to one growable buffer: exactly the bytes JSON.stringify
 * would give, without building strings.
 *
 * Why: the event log serialises millions of small flat objects and hashes the bytes. Building
 * each line with JSON.stringify, concatenating the lines and letting the hash flatten and
 * UTF-8-encode them cost about 1 µs an event. The values are nearly always ASCII strings,
 * integers, booleans and null, which go straight into the buffer here; whatever is not
 * (escapes, non-ASCII text, non-integers, nested values) is handed to JSON.stringify itself,
 * so the output never depends on reimplementing its rules. test/property/event-json.test.ts
 * holds the two to the same bytes.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;
/** Longest safe integer written digit by digit: "-9007199254740991". */
const MAX_INTEGER_BYTES = 17;

const encoder = new TextEncoder();
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Text encoded once and written many times (keys, punctuation, literals). Kept as
 * little-endian 32-bit words: `raw` stores four bytes a step, measurably faster than a byte
 * loop for the few-byte pieces a line is made of.
 */
export interface Chunk {
  readonly length: number;
  readonly words: Uint32Array;
}

/** `text` (valid JSON text) as a Chunk. */
export function encode(text: string): Chunk {
  const bytes = encoder.encode(text);
  const words = new Uint32Array(Math.ceil(bytes.length / 4));
  for (let i = 0; i < bytes.length; i++) words[i >> 2]! |= bytes[i]! << (8 * (i & 3));
  return { length: bytes.length, words };
}

const NULL = encode('null');
const TRUE = encode('true');
const FALSE = encode('false');

/**
 * The encoded `,"key":` of the key `members` met at each position of one kind of object (the
 * event log keeps one per event type). Objects built by one piece of code have the same keys
 * in the same order, so after the first one a key costs a comparison and a word copy instead
 * of a character loop, several times slower per byte. A different key at a position just
 * replaces the entry.
 */
export class KeyMemo {
  /** The own keys met at each position (every one, written or not: undefined values keep their place). */
  readonly keys: string[] = [];
  /** `,"key":` per position, encoded the first time that key is written there. */
  readonly chunks: (Chunk | undefined)[] = [];
  /** Bumped whenever a position's key changes, so whoever caches something per key list can tell. */
  version = 0;
  /** The string value last written at each position, and how many times in a row it came. */
  readonly lastStrings: (string | undefined)[] = [];
  readonly runs: number[] = [];
  /**
   * `,"key":"value"` encoded, per position, for the values that came MEMO_AFTER_RUN times in a
   * row (at most MAX_MEMO_VALUES each): most fields of one event type take a few values in
   * runs (an attack's actor, outcome, reason and stage), and such a member is one word copy.
   */
  readonly members: (Map<string, Chunk> | undefined)[] = [];
}

/** Longest string value kept as a pre-encoded member (longer ones are rarely repeated verbatim). */
const MAX_MEMO_STRING = 48;
/**
 * Repeats in a row before a value's member is encoded: encoding allocates, so values that
 * come in pairs (the IP of a request and of its retry) must not be encoded each time.
 */
const MEMO_AFTER_RUN = 4;
/** Encoded values kept per position: the few a field takes, not the many of an id field. */
const MAX_MEMO_VALUES = 16;

/** Whether JSON writes `s` as itself between quotes (printable ASCII, no `"` or `\\`). */
function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) return false;
  }
  return true;
}

export class JsonLineWriter {
  /** Storage; only `bytes[0 .. length)` is written. Replaced (not resized) when it grows. */
  private bytes: Uint8Array;
  /** Over `bytes`, for the word stores of `raw`. */
  private view: DataView;
  /** Bytes written. Setting it back drops what was written since (the log does so for a line that throws). */
  length = 0;

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
  }

  /** What was written so far (a view: valid until the next write or `clear()`). */
  written(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** Forget what was written, keep the storage. */
  clear(): void {
    this.length = 0;
  }

  /** Makes room for `n` more bytes and returns the (possibly new) storage. */
  private reserve(n: number): Uint8Array {
    const needed = this.length + n;
    if (needed <= this.bytes.length) return this.bytes;
    const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
    grown.set(this.written());
    this.view = new DataView(grown.buffer);
    return (this.bytes = grown);
  }

  /** A pre-encoded chunk. Its last word may write up to 3 bytes past the end: later writes cover them. */
  raw(chunk: Chunk): void {
    const words = chunk.words;
    const n = words.length;
    this.reserve(n * 4);
    const view = this.view;
    const pos = this.length;
    for (let i = 0; i < n; i++) view.setUint32(pos + 4 * i, words[i]!, true);
    this.length = pos + chunk.length;
  }

  /** As JSON.stringify(n): non-finite numbers are `null`, -0 is `0`. */
  number(n: number): void {
    if (!Number.isSafeInteger(n)) {
      // Fractions and large magnitudes: JSON uses Number::toString, which String() is (ASCII).
      this.text(Number.isFinite(n) ? String(n) : 'null');
      return;
    }
    const bytes = this.reserve(MAX_INTEGER_BYTES);
    let pos = this.length;
    if (n >= 0 && n <= 0x7fffffff) {
      // Virtual times, sequence numbers and counts: 32-bit arithmetic, where the division by
      // 10 compiles to a multiplication (the general path below divides doubles).
      let x = n | 0;
      const digits = x < 10 ? 1 : x < 100 ? 2 : x < 1000 ? 3 : x < 10_000 ? 4 : x < 100_000 ? 5 : x < 1_000_000 ? 6 : x < 10_000_000 ? 7 : x < 100_000_000 ? 8 : x < 1_000_000_000 ? 9 : 10;
      pos += digits;
      this.length = pos;
      while (x >= 10) {
        const q = (x / 10) | 0;
        bytes[--pos] = ZERO + x - q * 10;
        x = q;
      }
      bytes[--pos] = ZERO + x;
      return;
    }
    let v = n;
    if (v < 0) {
      bytes[pos++] = MINUS;
      v = -v;
    }
    // -0 fails `< 0` and ends here as "0", as in JSON.
    let digits = 1;
    for (let p = 10; v >= p; p *= 10) digits++;
    pos += digits;
    this.length = pos;
    // `%` and the division of a multiple of 10 are exact on doubles up to 2^53.
    while (v >= 10) {
      const r = v % 10;
      bytes[--pos] = ZERO + r;
      v = (v - r) / 10;
    }
    bytes[--pos] = ZERO + v;
  }

  /** As JSON.stringify(s). */
  string(s: string): void {
    const n = s.length;
    const bytes = this.reserve(n + 2);
    let pos = this.length;
    bytes[pos++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      // Printable ASCII other than `"` and `\` is its own byte in JSON and UTF-8. Anything else
      // (control characters, escapes, non-ASCII, surrogates) goes to JSON.stringify; `length`
      // is not yet moved, so that restarts at the opening quote.
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) {
        this.text(JSON.stringify(s));
        return;
      }
      bytes[pos++] = c;
    }
    bytes[pos++] = QUOTE;
    this.length = pos;
  }

  /**
   * The members JSON.stringify(fields) would write, each preceded by a comma, so they continue
   * an object whose opening part is already written (`{"t":1` + `,"a":2` + `}`). `memo`
   * belongs to the caller's kind of object (see KeyMemo).
   *
   * `for in` with an own-property check visits the same keys in the same order as
   * JSON.stringify (own enumerable string keys, integer-like keys first) for the plain objects
   * events are. A `toJSON` on `fields` itself is not consulted (no event's fields have one).
   *
   * Returns how many own keys `fields` has: they are `memo.keys[0 .. count)`.
   */
  members(fields: object, memo: KeyMemo): number {
    let at = 0;
    for (const key in fields) {
      if (!hasOwn.call(fields, key)) continue;
      const value: unknown = (fields as Record<string, unknown>)[key];
      // Every own key has its position, written or not, so one kind of object keeps its positions.
      const position = at++;
      if (memo.keys[position] !== key) {
        memo.keys[position] = key;
        memo.chunks[position] = undefined;
        memo.lastStrings[position] = undefined;
        memo.members[position] = undefined;
        memo.version++;
      }
      switch (typeof value) {
        case 'string':
          this.stringMember(key, value, memo, position);
          break;
        case 'number':
          this.key(key, memo, position);
          this.number(value);
          break;
        case 'boolean':
          this.key(key, memo, position);
          this.raw(value ? TRUE : FALSE);
          break;
        case 'undefined':
        case 'symbol':
          break; // JSON leaves the member out
        default:
          if (value === null) {
            this.key(key, memo, position);
            this.raw(NULL);
          } else {
            this.member(key, value);
          }
      }
    }
    return at;
  }

  /** `,"key":"value"`, from the memo when this value's member is encoded for this position. */
  private stringMember(key: string, value: string, memo: KeyMemo, position: number): void {
    const encoded = memo.members[position];
    if (encoded !== undefined) {
      const member = encoded.get(value);
      if (member !== undefined) {
        this.raw(member);
        return;
      }
    }
    this.key(key, memo, position);
    this.string(value);
    if (memo.lastStrings[position] !== value) {
      memo.lastStrings[position] = value;
      memo.runs[position] = 1;
    } else if (++memo.runs[position]! === MEMO_AFTER_RUN && (encoded?.size ?? 0) < MAX_MEMO_VALUES && value.length <= MAX_MEMO_STRING && isPlainAscii(value)) {
      (encoded ?? (memo.members[position] = new Map())).set(value, encode(`,${JSON.stringify(key)}:"${value}"`));
    }
  }

  /** `,"key":` */
  private key(key: string, memo: KeyMemo, position: number): void {
    this.raw(memo.chunks[position] ?? (memo.chunks[position] = encode(`,${JSON.stringify(key)}:`)));
  }

  /**
   * Objects, arrays, functions and bigints: JSON.stringify of a one-member object gives the
   * member exactly as in `fields`: toJSON called with this key, nothing for a function or a
   * toJSON returning undefined, a TypeError for a bigint. (A computed key defines even
   * `__proto__` as an own property.)
   */
  private member(key: string, value: unknown): void {
    const text = JSON.stringify({ [key]: value });
    if (text.length === 2) return;
    this.text(`,${text.slice(1, -1)}`);
  }

  /** JSON text as UTF-8: at most 3 bytes per UTF-16 unit (a surrogate pair makes 4 from 2). */
  private text(text: string): void {
    const bytes = this.reserve(text.length * 3);
    this.length += encoder.encodeInto(text, bytes.subarray(this.length)).written;
  }
}
