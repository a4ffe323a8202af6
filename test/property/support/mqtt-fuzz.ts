import fc from 'fast-check';
import * as mqttPacket from 'mqtt-packet';

/**
 * Byte streams for fuzzing the broker: random bytes, and real MQTT 3.1.1 packets (encoded by
 * mqtt-packet, the codec aedes and mqtt.js use) cut, spliced and bit-flipped. A stream may
 * open with a valid CONNECT for `login` so the packets after it reach the authorised code.
 */
export interface FuzzLogin {
  clientId: string;
  username: string;
  password: string;
  /** Topics the fuzzing principal may use, so mutated PUBLISH/SUBSCRIBE get past the ACL. */
  topics: string[];
}

const encode = (packet: mqttPacket.Packet): Buffer => mqttPacket.generate(packet, { protocolVersion: 4 });

export function packetArb(login: FuzzLogin, connectWeight: number): fc.Arbitrary<Buffer> {
  const topic = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...login.topics) },
    { weight: 1, arbitrary: fc.constantFrom('#', '$SYS/#', 'homes/+/#', '', 'a/#/b', '+') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  );
  const qos = fc.constantFrom<0 | 1 | 2>(0, 1, 2);
  const messageId = fc.integer({ min: 1, max: 65535 });
  const bytes = fc.uint8Array({ maxLength: 24 }).map((b) => Buffer.from(b));
  const connect = fc
    .record({ clientId: fc.oneof(fc.constant(`${login.clientId}-x`), fc.string({ maxLength: 8 })), own: fc.boolean(), password: bytes })
    .map(({ clientId, own, password }) =>
      encode({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 0, clientId, username: own ? login.username : 'nobody', password: own ? Buffer.from(login.password) : password }),
    );
  return fc.oneof(
    { weight: connectWeight, arbitrary: connect },
    { weight: 4, arbitrary: fc.record({ topic, payload: bytes, qos, messageId, retain: fc.boolean() }).map((p) => encode({ cmd: 'publish', dup: false, ...p })) },
    fc.record({ messageId, subscriptions: fc.array(fc.record({ topic, qos }), { minLength: 1, maxLength: 3 }) }).map((p) => encode({ cmd: 'subscribe', ...p })),
    fc.record({ messageId, unsubscriptions: fc.array(topic, { minLength: 1, maxLength: 3 }) }).map((p) => encode({ cmd: 'unsubscribe', ...p })),
    fc.constantFrom<mqttPacket.Packet['cmd']>('pingreq', 'disconnect').map((cmd) => encode({ cmd } as mqttPacket.Packet)),
    fc.tuple(fc.constantFrom<'puback' | 'pubrec' | 'pubrel' | 'pubcomp'>('puback', 'pubrec', 'pubrel', 'pubcomp'), messageId).map(([cmd, id]) => encode({ cmd, messageId: id } as mqttPacket.Packet)),
  );
}

/** One mutation of a packet: flip a bit, cut it short, overwrite, insert or drop bytes. */
export const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.constantFrom(0x00, 0x7f, 0x80, 0xff, 0x10, 0x30, 0x82, 0xc0, 0xe0, 0xf0) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

export function mutate(packet: Buffer, m: Mutation): Buffer {
  if (packet.length === 0) return packet;
  const at = m.at % packet.length;
  const out = Buffer.from(packet);
  switch (m.kind) {
    case 'flip':
      out[at] = out[at]! ^ (1 << m.bit);
      return out;
    case 'cut':
      return out.subarray(0, at);
    case 'set':
      out[at] = m.value;
      return out;
    case 'insert':
      return Buffer.concat([out.subarray(0, at), Buffer.from(m.bytes), out.subarray(at)]);
    case 'drop':
      return Buffer.concat([out.subarray(0, at), out.subarray(at + m.count)]);
  }
}

export interface FuzzStream {
  /** Chunks written one after another into the broker's end. */
  chunks: Buffer[];
  /** How the fuzzing side leaves: a clean end, a hard destroy, or leaving it half-open. */
  ending: 'end' | 'destroy' | 'open';
}

export function fuzzStreamArb(login: FuzzLogin): fc.Arbitrary<FuzzStream> {
  const segment = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(packetArb(login, 1), fc.array(mutation, { maxLength: 3 })).map(([p, ms]) => ms.reduce(mutate, p)) },
    { weight: 2, arbitrary: packetArb(login, 1) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b)) },
  );
  const validConnect = encode({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 0, clientId: `${login.clientId}-fz`, username: login.username, password: Buffer.from(login.password) });
  return fc
    .record({
      authenticated: fc.nat(3).map((n) => n > 0),
      // Well-formed packets first (the broker drops a client at its first bad packet), then garbage.
      valid: fc.array(packetArb(login, 0), { maxLength: 6 }),
      segments: fc.array(segment, { minLength: 1, maxLength: 4 }),
      cuts: fc.array(fc.nat(), { maxLength: 4 }),
      ending: fc.constantFrom<FuzzStream['ending']>('end', 'destroy', 'open'),
    })
    .map(({ authenticated, valid, segments, cuts, ending }) => {
      const bytes = Buffer.concat([...(authenticated ? [validConnect] : []), ...valid, ...segments]);
      const points = [...new Set(cuts.map((c) => c % Math.max(bytes.length, 1)))].sort((a, b) => a - b);
      const chunks: Buffer[] = [];
      let from = 0;
      for (const p of [...points, bytes.length]) {
        if (p > from) chunks.push(bytes.subarray(from, p));
        from = Math.max(from, p);
      }
      return { chunks, ending };
    });
}
