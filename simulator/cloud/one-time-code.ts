import type { SeededRandom } from '../core/random.js';
import type { SecondFactorMethod } from './second-factor-tickets.js';

/**
 * One-time codes sent by text message or e-mail (Ring's 2020 mandatory two-step
 * verification: "a one-time, six-digit code ... via the email address you have listed on
 * your Ring account or on your phone as a text message"; the code expires after 10 minutes).
 */
export type OutOfBandMethod = Exclude<SecondFactorMethod, 'totp'>;

/** Ring's code: six digits, valid ten minutes (Ring blog, 18 Feb 2020; Pocket-lint, same day). */
export const DEFAULT_CODE_DIGITS = 6;

/** Draws codes uniformly from 0 … 10^digits − 1, zero-padded; the world's generator, never Math.random. */
export class OneTimeCodeGenerator {
  private readonly max: number;

  constructor(private readonly random: SeededRandom, readonly digits = DEFAULT_CODE_DIGITS) {
    if (!Number.isInteger(digits) || digits < 4 || digits > 10) throw new RangeError(`one-time code digits must be 4–10, got ${digits}`);
    this.max = 10 ** digits - 1;
  }

  next(): string {
    return String(this.random.int(0, this.max)).padStart(this.digits, '0');
  }
}

/** One message as the owner's phone or mailbox shows it. */
export interface DeliveredCode {
  readonly accountId: string;
  readonly method: OutOfBandMethod;
  readonly code: string;
  readonly sentAtMs: number;
}

/**
 * The owners' phones and mailboxes: the latest code each account was sent. Only the owner's
 * app reads it (a scenario that models SIM swapping or a phished mailbox may let an attacker
 * read it too, and must say so). Keeps one message per account, so memory is bounded by accounts.
 */
export class CodeInbox {
  private readonly latestByAccount = new Map<string, DeliveredCode>();
  delivered = 0;

  deliver(message: DeliveredCode): void {
    this.latestByAccount.set(message.accountId, message);
    this.delivered++;
  }

  /** The most recent code sent to this account's phone or mailbox. */
  latest(accountId: string): DeliveredCode | undefined {
    return this.latestByAccount.get(accountId);
  }
}
