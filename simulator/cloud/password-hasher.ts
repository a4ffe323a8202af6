import { createHash, scryptSync, timingSafeEqual } from 'node:crypto';
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
 * Salted SHA-256: the simulation's stand-in for scrypt. Same answers, charged the scrypt
 * cost in virtual time. Never use it outside the simulator.
 */
export class SimulatedHasher implements PasswordHasher {
  readonly name = 'simulated-scrypt';
  constructor(readonly costMs: number = SCRYPT_COST_MS) {}

  hash(password: string, salt: string): string {
    return `sim$${salt}$${createHash('sha256').update(salt).update('\u0000').update(password).digest('hex')}`;
  }

  verify(password: string, stored: string): boolean {
    const [scheme, salt, digest] = stored.split('$');
    if (scheme !== 'sim' || salt === undefined || !digest) return false;
    return createHash('sha256').update(salt).update('\u0000').update(password).digest('hex') === digest;
  }
}

export function newSalt(random: SeededRandom): string {
  return random.hex(16);
}
