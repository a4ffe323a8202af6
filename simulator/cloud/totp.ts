import { Secret, TOTP } from 'otpauth';
import type { SeededRandom } from '../core/random.js';

/**
 * Time-based one-time passwords (RFC 6238) on the world's virtual clock.
 *
 * Generation is the `otpauth` package's; this file only decides which instant it sees:
 * virtual milliseconds plus a fixed epoch, never Date.now() (otpauth's default, which we
 * always override by passing `timestamp`). The epoch is a constant so that codes look like
 * real ones and a run replays byte for byte.
 */

/** 2019-12-01T00:00:00Z, the month Ring's credential-stuffing wave made the news. Virtual time 0 is this instant. */
export const TOTP_EPOCH_OFFSET_MS = 1_575_158_400_000;

export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface TotpOptions {
  /** HMAC hash (RFC 6238 §1.2 allows SHA-1, SHA-256, SHA-512); authenticator apps use SHA1. */
  algorithm?: TotpAlgorithm;
  /** Code length; 6 in every authenticator app, 8 in the RFC's test vectors. */
  digits?: number;
  /** Time step X in seconds (RFC 6238 §5.2 recommends 30). */
  periodS?: number;
}

const DEFAULTS: Required<TotpOptions> = { algorithm: 'SHA1', digits: 6, periodS: 30 };

/** Unix milliseconds that virtual time `nowMs` stands for. */
export function totpUnixMs(nowMs: number): number {
  return TOTP_EPOCH_OFFSET_MS + nowMs;
}

/** The code for a base32 secret at a Unix time (ms): a pure function, tested on RFC 6238 Appendix B. */
export function totpAtUnixMs(secretBase32: string, unixMs: number, options: TotpOptions = {}): string {
  const o = { ...DEFAULTS, ...options };
  return TOTP.generate({
    secret: Secret.fromBase32(secretBase32),
    algorithm: o.algorithm,
    digits: o.digits,
    period: o.periodS,
    timestamp: unixMs,
  });
}

/** What the owner's authenticator app shows at virtual time `nowMs`. */
export function totpNow(secretBase32: string, nowMs: number, options: TotpOptions = {}): string {
  return totpAtUnixMs(secretBase32, totpUnixMs(nowMs), options);
}

/** A fresh 160-bit secret (RFC 4226 §4 recommends 160 bits) from the world's generator, base32. */
export function newTotpSecret(random: SeededRandom, bytes = 20): string {
  // Copy into a fresh ArrayBuffer: a small Buffer may be a view into Node's shared pool.
  const buffer = new Uint8Array(random.bytes(bytes)).buffer;
  return new Secret({ buffer }).base32;
}

/**
 * Server-side TOTP check: accepts the code of the current step or one step either side
 * (RFC 6238 §5.2 clock-drift allowance), and each step's code at most once per account
 * (RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the OTP after the
 * successful validation"). Remembering the last accepted step per account rejects a
 * replayed code and any older one, which is what replay protection needs.
 */
export class TotpVerifier {
  private readonly lastAcceptedStep = new Map<string, number>();
  private readonly options: Required<TotpOptions>;

  constructor(options: TotpOptions = {}, readonly windowSteps = 1) {
    this.options = { ...DEFAULTS, ...options };
  }

  verify(accountId: string, secretBase32: string, code: string, nowMs: number): boolean {
    const unixMs = totpUnixMs(nowMs);
    const delta = TOTP.validate({
      token: code,
      secret: Secret.fromBase32(secretBase32),
      algorithm: this.options.algorithm,
      digits: this.options.digits,
      period: this.options.periodS,
      timestamp: unixMs,
      window: this.windowSteps,
    });
    if (delta === null) return false;
    const step = TOTP.counter({ period: this.options.periodS, timestamp: unixMs }) + delta;
    const last = this.lastAcceptedStep.get(accountId);
    if (last !== undefined && step <= last) return false;
    this.lastAcceptedStep.set(accountId, step);
    return true;
  }
}
