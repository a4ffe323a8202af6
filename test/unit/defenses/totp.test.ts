import { describe, it, expect } from 'vitest';
import { Secret } from 'otpauth';
import { SeededRandom } from '../../../simulator/core/random.js';
import { TOTP_EPOCH_OFFSET_MS, TotpVerifier, newTotpSecret, totpAtUnixMs, totpNow, type TotpAlgorithm } from '../../../simulator/cloud/totp.js';

/** RFC 6238 Appendix B: the ASCII seed "12345678901234567890" repeated to the hash's key size. */
const SEEDS: Record<TotpAlgorithm, string> = {
  SHA1: '12345678901234567890',
  SHA256: '12345678901234567890123456789012',
  SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
};

/** RFC 6238 Appendix B, Table of test values (T in seconds, 8-digit TOTP). */
const VECTORS: Array<[number, string, string, string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

const base32 = (ascii: string) => Secret.fromLatin1(ascii).base32;

describe('TOTP (RFC 6238)', () => {
  for (const [i, algorithm] of (['SHA1', 'SHA256', 'SHA512'] as const).entries()) {
    it(`matches the Appendix B vectors for ${algorithm}`, () => {
      const secret = base32(SEEDS[algorithm]);
      expect(Secret.fromBase32(secret).bytes.length).toBe(SEEDS[algorithm].length);
      for (const row of VECTORS) {
        expect(totpAtUnixMs(secret, row[0] * 1000, { algorithm, digits: 8 })).toBe(row[i + 1]);
      }
    });
  }

  it('reads virtual time plus the fixed epoch, never the wall clock', () => {
    const secret = base32(SEEDS.SHA1);
    expect(totpNow(secret, 0)).toBe(totpAtUnixMs(secret, TOTP_EPOCH_OFFSET_MS));
    expect(totpNow(secret, 59_000 - TOTP_EPOCH_OFFSET_MS, { digits: 8 })).toBe('94287082');
  });

  it('draws secrets from the world generator: 160 bits, deterministic per seed', () => {
    const a = newTotpSecret(new SeededRandom(1, 'totp'));
    expect(a).toBe(newTotpSecret(new SeededRandom(1, 'totp')));
    expect(a).not.toBe(newTotpSecret(new SeededRandom(2, 'totp')));
    expect(Secret.fromBase32(a).bytes.length).toBe(20);
  });
});

describe('TotpVerifier', () => {
  const secret = base32(SEEDS.SHA1);
  const STEP_MS = 30_000;
  const t0 = 1_000 * STEP_MS; // virtual time at the start of a step

  it('accepts the current step and one step either side, nothing further', () => {
    for (const [offsetSteps, ok] of [[-2, false], [-1, true], [0, true], [1, true], [2, false]] as const) {
      const verifier = new TotpVerifier();
      const code = totpNow(secret, t0 + offsetSteps * STEP_MS);
      expect(verifier.verify('acct', secret, code, t0)).toBe(ok);
    }
  });

  it('rejects a code reused within its step (replay), and any older code after a newer one', () => {
    const verifier = new TotpVerifier();
    const code = totpNow(secret, t0);
    expect(verifier.verify('acct', secret, code, t0 + 1_000)).toBe(true);
    expect(verifier.verify('acct', secret, code, t0 + 2_000)).toBe(false);
    const next = totpNow(secret, t0 + STEP_MS);
    expect(verifier.verify('acct', secret, next, t0 + STEP_MS)).toBe(true);
    // The previous step's code is still inside the ±1 window, but older than the last accepted.
    expect(verifier.verify('acct', secret, totpNow(secret, t0), t0 + STEP_MS)).toBe(false);
  });

  it('keeps replay state per account', () => {
    const verifier = new TotpVerifier();
    const code = totpNow(secret, t0);
    expect(verifier.verify('a', secret, code, t0)).toBe(true);
    expect(verifier.verify('b', secret, code, t0)).toBe(true);
  });

  it('rejects malformed codes', () => {
    const verifier = new TotpVerifier();
    expect(verifier.verify('acct', secret, '', t0)).toBe(false);
    expect(verifier.verify('acct', secret, 'abcdef', t0)).toBe(false);
    expect(verifier.verify('acct', secret, totpNow(secret, t0).slice(1), t0)).toBe(false);
  });
});
