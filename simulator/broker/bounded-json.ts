/**
 * JSON from clients, parsed only within bounds (DESIGN.md, "Bounded"). V8's JSON.parse copes
 * with any depth, but everything after it recurses: a 12 KB command nested a few thousand
 * arrays deep made JSON.stringify throw a RangeError inside the broker's publish hook and took
 * `serve` down. So size and nesting depth are checked by one cheap linear scan *before*
 * JSON.parse, and a key named `__proto__` is refused: JSON.parse makes it an own property,
 * but any later Object.assign, merge or `obj[key] = value` copy would call the prototype
 * setter with client data.
 */
export interface JsonBounds {
  /** Largest accepted input, in UTF-8 bytes. */
  maxBytes: number;
  /** Deepest accepted nesting of arrays and objects (a scalar is depth 0, `[]` depth 1). */
  maxDepth: number;
}

/** Why client JSON was not accepted: over a bound, a forbidden key, or not JSON at all. */
export type JsonRefusal = 'too-large' | 'too-deep' | 'forbidden-key' | 'syntax';

export type BoundedJson = { ok: true; value: unknown } | { ok: false; refusal: JsonRefusal; reason: string };

/**
 * For any client JSON with no tighter bound of its own. Every message this simulator's
 * actors send is a flat object of a few hundred bytes; 64 KiB and depth 32 leave wide room
 * for hand-written test clients while keeping the recursion of any consumer trivially small.
 */
export const DEFAULT_JSON_BOUNDS: JsonBounds = { maxBytes: 64 * 1024, maxDepth: 32 };

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting in `text`, or `limit + 1` as soon as it passes `limit` (the scan stops
 * there). Brackets inside strings do not count. Malformed text gets some number: JSON.parse
 * rejects it afterwards anyway, the scan only has to bound what JSON.parse may build.
 */
export function nestingDepth(text: string, limit = Number.MAX_SAFE_INTEGER): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}

/** Whether `text` is over `maxBytes` in UTF-8; a UTF-16 unit never takes less than one byte, so long text fails without counting. */
function overByteLimit(text: string, maxBytes: number): boolean {
  return text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes;
}

/** Reviver run only when the text could name `__proto__` (plainly or through \u escapes). */
function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new ProtoKeyError();
  return value;
}

class ProtoKeyError extends Error {}

/**
 * Parses client JSON within `bounds`; never throws. A Buffer is measured before it is
 * decoded, so an oversize payload costs no string. Invalid UTF-8 decodes to U+FFFD, as
 * everywhere else in the broker.
 */
export function parseBoundedJson(input: string | Uint8Array, bounds: JsonBounds = DEFAULT_JSON_BOUNDS): BoundedJson {
  const tooLarge = { ok: false, refusal: 'too-large', reason: `JSON over ${bounds.maxBytes} bytes` } as const;
  if (typeof input !== 'string' && input.length > bounds.maxBytes) return tooLarge;
  const text = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.length).toString('utf8');
  if (typeof input === 'string' && overByteLimit(text, bounds.maxBytes)) return tooLarge;
  if (nestingDepth(text, bounds.maxDepth) > bounds.maxDepth) return { ok: false, refusal: 'too-deep', reason: `JSON nested deeper than ${bounds.maxDepth} levels` };
  const mayNameProto = text.includes('__proto__') || text.includes('\\u');
  try {
    return { ok: true, value: mayNameProto ? JSON.parse(text, refuseProtoKeys) : JSON.parse(text) };
  } catch (error) {
    if (error instanceof ProtoKeyError) return { ok: false, refusal: 'forbidden-key', reason: 'JSON key "__proto__" is not allowed' };
    return { ok: false, refusal: 'syntax', reason: 'not valid JSON' };
  }
}

/** A JSON object (not an array, not null), as most messages must be. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
