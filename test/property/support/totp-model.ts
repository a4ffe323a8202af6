import fc from 'fast-check';
import { totpNow } from '../../../simulator/cloud/totp.js';

/**
 * Generated TOTP submissions (INV-TOTP-1) and the model of RFC 6238 §5.2 verification:
 * a code is valid if it is the code of a step within ±windowSteps of now, and is accepted
 * only if that step is newer than the last step accepted for the account (each code once,
 * and no older code after a newer one).
 */
export const STEP_MS = 30_000;

export type Wait = 'none' | 'small' | 'to-next-step' | 'to-next-step-1' | 'steps';

/** A code as an attacker or an owner might type it. */
export type CodeChoice =
  | { kind: 'step'; offset: number } // the code of the step `offset` steps from now (0: what the app shows)
  | { kind: 'replay' } // the last code the verifier accepted for this account, typed again
  | { kind: 'typed'; digits: number }; // any six digits

export interface Submission {
  wait: Wait;
  amount: number;
  account: number;
  code: CodeChoice;
}

const code: fc.Arbitrary<CodeChoice> = fc.oneof(
  { arbitrary: fc.integer({ min: -3, max: 3 }).map((offset) => ({ kind: 'step' as const, offset })), weight: 5 },
  { arbitrary: fc.constant({ kind: 'replay' as const }), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 999_999 }).map((digits) => ({ kind: 'typed' as const, digits })), weight: 1 },
);

export const submissions = (accounts: number, maxLength = 40): fc.Arbitrary<Submission[]> =>
  fc.array(
    fc.record({
      wait: fc.constantFrom<Wait>('none', 'small', 'to-next-step', 'to-next-step-1', 'steps'),
      amount: fc.nat(1000),
      account: fc.nat(accounts - 1),
      code,
    }),
    { maxLength },
  );

/** Virtual time after waiting: ties, a few ms, to a step boundary (or 1 ms before it), or whole steps. */
export function after(nowMs: number, s: Submission): number {
  const nextStep = (Math.floor(nowMs / STEP_MS) + 1) * STEP_MS;
  switch (s.wait) {
    case 'none':
      return nowMs;
    case 'small':
      return nowMs + (s.amount % 50);
    case 'to-next-step':
      return nextStep;
    case 'to-next-step-1':
      return Math.max(nowMs, nextStep - 1);
    case 'steps':
      return nowMs + (s.amount % 4) * STEP_MS;
  }
}

/** Virtual time 0 is the start of a step (TOTP_EPOCH_OFFSET_MS is a multiple of 30 s), so steps count from 0. */
export const stepAt = (nowMs: number) => Math.floor(nowMs / STEP_MS);

export function codeFor(secret: string, choice: CodeChoice, nowMs: number, lastAccepted: string | undefined): string {
  if (choice.kind === 'step') return totpNow(secret, nowMs + choice.offset * STEP_MS); // before virtual 0 is fine: real time is 2019
  if (choice.kind === 'replay') return lastAccepted ?? totpNow(secret, nowMs);
  return String(choice.digits).padStart(6, '0');
}

/**
 * The step `code` belongs to within ±windowSteps of now, searched as RFC 4226 §7.4 verifiers
 * (and otpauth) do — now, then −1, +1, −2, +2 … — or undefined when it is outside the window.
 */
export function matchedStep(secret: string, code: string, nowMs: number, windowSteps: number): number | undefined {
  const now = stepAt(nowMs);
  const order = [0, ...Array.from({ length: windowSteps }, (_, i) => [-(i + 1), i + 1]).flat()];
  for (const k of order) {
    if (totpNow(secret, (now + k) * STEP_MS) === code) return now + k;
  }
  return undefined;
}
