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
 * cyrb53's mixing (bryc, public domain), both 32-bit lanes kept: a fast, well-mixed 64-bit
 * string hash over `salt`, a NUL, then `password`. Not cryptographic — it only has to give
 * scrypt's accept/reject answer inside the simulator, and a false accept is a 2^-64 event.
 * SHA-256 here cost more than every login defence together.
 *
 * Written to allocate nothing: the salt is read in place from the stored string (no slice,
 * no concatenation) and the lanes land in `lanes`, because verify runs once per login
 * attempt and the bench's bare loop is this plus one map lookup.
 */
const lanes = new Uint32Array(2);
function digestInto(source: string, saltFrom: number, saltTo: number, password: string): void {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = saltFrom; i < saltTo; i++) {
    const ch = source.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1, 2654435761); // the NUL between salt and password
  h2 = Math.imul(h2, 1597334677);
  for (let i = 0; i < password.length; i++) {
    const ch = password.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  lanes[0] = h1;
  lanes[1] = h2;
}

/** The decimal number written in `text` from `from` to `to`; -1 unless that span is 1–10 digits. */
function parseDigits(text: string, from: number, to: number): number {
  if (to <= from || to - from > 10) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * The simulation's stand-in for scrypt: salted 64-bit hash stored as `sim$<salt>$<lane1>.<lane2>`
 * (decimal), same answers, charged the scrypt cost in virtual time. Never use it outside the
 * simulator.
 */
export class SimulatedHasher implements PasswordHasher {
  readonly name = 'simulated-scrypt';
  constructor(readonly costMs: number = SCRYPT_COST_MS) {}

  hash(password: string, salt: string): string {
    const stored = `sim$${salt}$`;
    digestInto(stored, 4, stored.length - 1, password);
    return `${stored}${lanes[0]}.${lanes[1]}`;
  }

  verify(password: string, stored: string): boolean {
    const cut = stored.lastIndexOf('$');
    if (cut <= 4 || !stored.startsWith('sim$')) return false;
    digestInto(stored, 4, cut, password);
    const dot = stored.indexOf('.', cut);
    if (dot < 0) return false;
    // Numbers, not strings: formatting the lanes to compare them would allocate on every attempt.
    return parseDigits(stored, cut + 1, dot) === lanes[0] && parseDigits(stored, dot + 1, stored.length) === lanes[1];
  }
}

export function newSalt(random: SeededRandom): string {
  return random.hex(16);
}
