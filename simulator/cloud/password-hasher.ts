import { scryptSync, timingSafeEqual } from 'node:crypto';
import type { SeededRandom } from '../core/random.js';

/**
 * How the cloud stores and checks passwords.
 *
 * The real thing is scrypt (node:crypto, N=2^14, r=8, p=1: OWASP Password Storage Cheat
 * Sheet minimum) at ≈31–40 ms a call on these machines — far too slow to run a million
 * simulated attempts. In simulation a cheaper verifier with the same accept/reject answer
 * stands in and the scrypt cost is charged in virtual time instead (`costMs`); the unit test
 * `password-hasher.test.ts` shows the two agree on every answer.
 */
export interface PasswordHasher {
  readonly name: string;
  /** Virtual milliseconds one verification costs the cloud (added to login latency). */
  readonly costMs: number;
  hash(password: string, salt: string): string;
  verify(password: string, stored: string): boolean;
}

/** Measured here: scrypt N=16384 ≈ 31–40 ms per call on a 2-core machine (DESIGN.md). */
export const SCRYPT_COST_MS = 35;

const SCRYPT_PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

export class ScryptHasher implements PasswordHasher {
  readonly name = 'scrypt';
  readonly costMs = SCRYPT_COST_MS;

  hash(password: string, salt: string): string {
    const key = scryptSync(password, salt, 32, SCRYPT_PARAMS);
    return `scrypt$${salt}$${key.toString('hex')}`;
  }

  verify(password: string, stored: string): boolean {
    const [scheme, salt, keyHex] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !keyHex) return false;
    const expected = Buffer.from(keyHex, 'hex');
    const actual = scryptSync(password, salt, expected.length, SCRYPT_PARAMS);
    return timingSafeEqual(expected, actual);
  }
}

/**
 * cyrb53 (bryc, public domain): a fast, well-mixed 53-bit string hash. Not cryptographic —
 * it only has to give scrypt's accept/reject answer inside the simulator, and two seeds make
 * a false accept a 2^-106 event. SHA-256 here cost more than every login defence together.
 */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function simulatedDigest(password: string, salt: string): string {
  const text = `${salt}\u0000${password}`;
  // Decimal, not hex: V8 formats a 53-bit number in radix 16 about 30x slower.
  return `${cyrb53(text, 1)}.${cyrb53(text, 2)}`;
}

/**
 * The simulation's stand-in for scrypt: salted cyrb53, same answers, charged the scrypt
 * cost in virtual time. Never use it outside the simulator.
 */
export class SimulatedHasher implements PasswordHasher {
  readonly name = 'simulated-scrypt';
  constructor(readonly costMs: number = SCRYPT_COST_MS) {}

  hash(password: string, salt: string): string {
    return `sim$${salt}$${simulatedDigest(password, salt)}`;
  }

  verify(password: string, stored: string): boolean {
    const cut = stored.lastIndexOf('$');
    if (!stored.startsWith('sim$') || cut <= 4) return false;
    return simulatedDigest(password, stored.slice(4, cut)) === stored.slice(cut + 1);
  }
}

export function newSalt(random: SeededRandom): string {
  return random.hex(16);
}
