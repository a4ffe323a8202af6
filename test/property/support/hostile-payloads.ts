import fc from 'fast-check';

/**
 * Payloads a hostile client publishes or leaves as a will, for the parsers behind the
 * broker: deep nesting (thousands of levels), huge strings (some past the 256 KiB packet
 * limit), invalid UTF-8, numbers JSON cannot hold, prototype keys, and random JSON. Each is
 * wrapped the way its target reads it: as a doorbell command, as a recording announcement
 * (the cloud's ingest only parses a payload naming "recording"), or bare.
 */
export type PayloadShape = 'command' | 'recording' | 'bare';

/** Mostly the shape its route's reader parses, sometimes another one. */
export const shapeArb: fc.Arbitrary<PayloadShape> = fc.oneof({ weight: 3, arbitrary: fc.constant<PayloadShape>('command') }, fc.constant<PayloadShape>('recording'), fc.constant<PayloadShape>('bare'));

/** The tester's report: a ~12 KB command nested 6000 arrays deep. */
export const DEEP_COMMAND_VALUE = described(Buffer.from(`${'['.repeat(6000)}1${']'.repeat(6000)}`));

const text = (s: string) => Buffer.from(s, 'utf8');

/** A JSON-ish value (bytes: it may not be valid UTF-8, or valid JSON). */
const deepNesting = fc
  // Unbiased: fast-check's integers lean towards the bounds' small end, and the ones that
  // matter here are the thousands of levels that overflow a recursive consumer.
  .record({ depth: fc.noBias(fc.integer({ min: 100, max: 20_000 })), open: fc.constantFrom('[', '{"a":', '[{"b":'), closed: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)) })
  .map(({ depth, open, closed }) => {
    const close = open === '[' ? ']' : open === '{"a":' ? '}' : '}]';
    return text(open.repeat(depth) + (closed ? '1' + close.repeat(depth) : ''));
  });

const hugeString = fc
  .record({ chars: fc.noBias(fc.integer({ min: 1_000, max: 300_000 })), char: fc.constantFrom('x', 'é', '😀', '\\u0000', '"') })
  .map(({ chars, char }) => text(`"${(char === '"' ? '\\"' : char).repeat(Math.ceil(chars / 2))}"`));

/** Bytes no UTF-8 decoder accepts: lone continuation bytes, overlong forms, surrogates, 0xff. */
const invalidUtf8 = fc
  .array(fc.constantFrom([0x80], [0xbf], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xff], [0xfe, 0xff], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]), { minLength: 1, maxLength: 16 })
  .map((parts) => Buffer.concat([text('"'), Buffer.from(parts.flat()), text('"')]));

const outOfRange = fc
  .constantFrom('1e999', '-1e999', '1e-400', '123456789012345678901234567890', '-0', '9007199254740993', 'NaN', 'Infinity', '0x10', '1.7976931348623157e309')
  .map(text);

const prototypeKeys = fc
  .constantFrom(
    '{"__proto__":{"polluted":true}}',
    '{"\\u005f_proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"a":{"__proto__":{"polluted":true}}}',
    '{"__proto__":null,"toString":1,"hasOwnProperty":"x","valueOf":{}}',
  )
  .map(text);

const randomJson = fc.json({ depthSize: 'small', maxDepth: 6 }).map(text);
const randomBytes = fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b));

/** How a failing case prints: its first bytes and its size, not a 300 KB array. */
function described(bytes: Buffer): Buffer {
  const head = bytes.subarray(0, 48).toString('latin1');
  return Object.assign(bytes, { [fc.toStringMethod]: () => `Buffer(${bytes.length} bytes: ${JSON.stringify(head)}${bytes.length > 48 ? '…' : ''})` });
}

export const hostileValueArb: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 3, arbitrary: deepNesting },
  { weight: 2, arbitrary: hugeString },
  { weight: 2, arbitrary: invalidUtf8 },
  { weight: 2, arbitrary: outOfRange },
  { weight: 3, arbitrary: prototypeKeys },
  { weight: 1, arbitrary: randomJson },
  { weight: 1, arbitrary: randomBytes },
).map(described);

/** `value` where its target reads it: a command field, a recording field, or on its own. */
export function wrapPayload(value: Buffer, shape: PayloadShape, slot: number): Buffer {
  if (shape === 'bare') return value;
  const template =
    shape === 'command'
      ? [`{"cmd":"talk","message":`, `{"cmd":"settings","motionSensitivity":`, `{"cmd":"live-view-start","from":`, `{"cmd":"talk","message":"hi","x":`]
      : [`{"type":"recording","clipId":`, `{"type":"recording","clipId":"c","durationS":`, `{"type":"recording","clipId":"c","durationS":20,"capturedAtMs":`, `{"type":"recording","clipId":"c","durationS":20,"capturedAtMs":0,"x":`];
  return Buffer.concat([text(template[slot % template.length]!), value, text('}')]);
}
