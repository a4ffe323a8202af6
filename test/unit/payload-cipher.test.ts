import { describe, expect, it } from 'vitest';
import { HomePayloadCipher, SEALED_PREFIX } from '../../simulator/broker/payload-cipher.js';
import { World } from '../../simulator/core/world.js';

const TOPIC = 'homes/h1/devices/d1/events';

describe('HomePayloadCipher (AES-256-GCM per home)', () => {
  it('seals device topics only, opens its own ciphertext, never repeats an IV', () => {
    const cipher = new HomePayloadCipher(new World({ seed: 1 }));
    const a = cipher.seal(TOPIC, '{"type":"motion","at":1}');
    const b = cipher.seal(TOPIC, '{"type":"motion","at":1}');
    expect(a.startsWith(SEALED_PREFIX)).toBe(true);
    expect(a).not.toBe(b); // a fresh IV each time: equal plaintexts do not look equal
    expect(a).not.toContain('motion');
    expect(cipher.open(TOPIC, a)).toBe('{"type":"motion","at":1}');
    expect(cipher.seal('cloud/staff/x', 'plain')).toBe('plain');
  });

  it('refuses an altered ciphertext, one moved to another topic or home, and plaintext', () => {
    const cipher = new HomePayloadCipher(new World({ seed: 1 }));
    const sealed = cipher.seal(TOPIC, '{"type":"ding"}');
    const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(cipher.open(TOPIC, SEALED_PREFIX + raw.toString('base64'))).toBeUndefined();
    expect(cipher.open('homes/h1/devices/d2/events', sealed)).toBeUndefined();
    expect(cipher.open('homes/h2/devices/d1/events', sealed)).toBeUndefined();
    expect(cipher.open(TOPIC, '{"type":"ding"}')).toBeUndefined();
    expect(cipher.authFailures).toBe(3);
  });

  it('keys differ by home and by seed, and are the same for the same seed', () => {
    const one = new HomePayloadCipher(new World({ seed: 1 }));
    const same = new HomePayloadCipher(new World({ seed: 1 }));
    const other = new HomePayloadCipher(new World({ seed: 2 }));
    const sealed = one.seal(TOPIC, 'x');
    expect(same.open(TOPIC, sealed)).toBe('x');
    expect(other.open(TOPIC, sealed)).toBeUndefined();
  });
});
