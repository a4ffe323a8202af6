import { z } from 'zod';
import { parseDurationMs } from '../../simulator/core/duration.js';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from '../../simulator/core/duration.js';

/**
 * Attacker parameters by group (`--set botnet.attemptsPerIp=50`, `--set attack.ratePerMinute=600`).
 * Every default names its source or says it is an assumption; docs/scenarios.md repeats them.
 */

const share = z.number().min(0).max(1);

/** Milliseconds, or a duration string (`90m`, `6h`), as --set passes it. */
export function durationMs(min = 0) {
  return z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    try {
      return parseDurationMs(value);
    } catch {
      return value; // left as a string so zod names the field and the value
    }
  }, z.number({ error: 'expected milliseconds or a duration such as 90m, 6h, 2d' }).int().min(min));
}

export const comboSchema = z.strictObject({
  /**
   * Share of the town's residents whose e-mail and other-site password are in the list.
   * Mayer, Zou, Schaub, Aviv, USENIX Security 2021: 73 % of participants' e-mail addresses
   * were in at least one breach (5.36 breaches on average); combo lists aggregate breaches.
   */
  residentShare: share.default(0.73),
  /**
   * List entries per home in town (the rest are people who are not customers). Assumption:
   * chosen so a 10,000-home town faces about 1 M attempts, the flagship size; the per-attempt
   * success rate then comes out inside the 0.1–2 % band vendors report (docs/scenarios.md).
   */
  entriesPerHome: z.number().min(1).max(10_000).default(100),
});

export const botnetSchema = z.strictObject({
  /**
   * Mean login attempts per proxy IP. DataDome observed a 2023 credential-stuffing attack on
   * a gaming platform: nearly 108 M attempts from 91.3 M IPs, 1.18 attempts per IP.
   */
  attemptsPerIp: z.number().min(0.01).max(1e9).default(1.18),
  /** A fixed pool size instead (0 = derive from attemptsPerIp and the planned attempts). */
  ips: z.number().int().min(0).max(1e9).default(0),
  /** Distinct client fingerprints (user agents) the tooling rotates through. Assumption. */
  fingerprints: z.number().int().min(1).max(100_000).default(50),
});

export const attackSchema = z.strictObject({
  /** When the attack starts, from the start of the run. */
  startMs: durationMs(0).default(0),
  /** How long it runs (0 = until the end of the run). */
  durationMs: durationMs(0).default(0),
  /** New login attempts per minute; 'auto' spreads the attack's list evenly over its window. */
  ratePerMinute: z.union([z.literal('auto'), z.number().positive().max(1e9)]).default('auto'),
  /** One scheduler event per burst of attempts (performance; the clock granularity of the attack). */
  burstMs: durationMs(1).default(SECOND_MS),
  /** Variants of each listed password to try after it (Das et al. 2014 transformation rules); 0 = plain stuffing. */
  variants: z.number().int().min(0).max(7).default(0),
  /** Pay a solver for bot challenges (2Captcha-style) and retry. */
  solveChallenges: z.boolean().default(true),
  /** Guess second-factor codes when prompted. */
  guessCodes: z.boolean().default(true),
  /** Digits the attacker guesses (Ring's codes: six). */
  codeDigits: z.number().int().min(4).max(10).default(6),
  /** Password logins per account to obtain fresh second-factor tickets to guess against. Assumption. */
  ticketsPerAccount: z.number().int().min(1).max(1000).default(10),
  /** Pause before logging in again for a fresh ticket. Assumption. */
  reloginDelayMs: durationMs(0).default(MINUTE_MS),
});

export const takeoverSchema = z.strictObject({
  /**
   * Mean delay from a working login to using the account (exponential). Bursztein et al.,
   * "Handcrafted Fraud and Extortion", IMC 2014: hijackers accessed 20 % of decoy accounts
   * within 30 minutes; an exponential with P(< 30 min) = 0.2 has mean 134 minutes.
   */
  meanDelayMs: durationMs(0).default(134 * MINUTE_MS),
  /** Mean live-view length per visit. Bursztein et al. 2014: hijackers spent 3 minutes on average assessing an account. */
  liveViewMeanMs: durationMs(1).default(3 * MINUTE_MS),
  /** Chance a visit talks through the speaker. Assumption (FTC v. Ring, 2023, describes attackers speaking to residents). */
  talkChance: share.default(0.3),
  /** Chance the first visit adds a shared user to keep access. Assumption. */
  sharedUserChance: share.default(0.1),
  /** Chance the first visit changes the account's e-mail. Assumption. */
  changeEmailChance: share.default(0.05),
  /** Mean time between visits while the session lasts (exponential). Assumption. */
  revisitMeanMs: durationMs(1).default(8 * HOUR_MS),
  /** Visits per account at most. */
  maxVisits: z.number().int().min(1).max(1000).default(10),
});

export const spraySchema = z.strictObject({
  /** Top-N common passwords sprayed, most common first. */
  passwords: z.number().int().min(1).max(100).default(10),
  /** Addresses per home that are not customers (the list is the breach's e-mails). Assumption. */
  decoysPerHome: z.number().min(0).max(1_000).default(4),
  /** Pause between rounds (one password across all targets) to stay under lockout thresholds. */
  roundPauseMs: durationMs(0).default(0),
});

export const bruteSchema = z.strictObject({
  /** Accounts the attacker targets (their e-mails are known to it). */
  targets: z.number().int().min(1).max(100_000).default(10),
  /** Guesses per target at most: the common top-100, then human-chosen candidates, most likely first. */
  dictionarySize: z.number().int().min(1).max(1_000_000).default(20_000),
});

export type ComboParams = z.output<typeof comboSchema>;
export type BotnetParams = z.output<typeof botnetSchema>;
export type AttackParams = z.output<typeof attackSchema>;
export type TakeoverParams = z.output<typeof takeoverSchema>;
export type SprayParams = z.output<typeof spraySchema>;
export type BruteParams = z.output<typeof bruteSchema>;

/**
 * The same group with other defaults for one scenario (brute force: 4 IPs, 600 guesses a
 * minute). Unlike `.prefault({...})`, a user who sets one field keeps the others' scenario
 * defaults.
 */
export function withDefaults<S extends z.ZodObject>(schema: S, defaults: Partial<z.output<S>>): S {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(defaults)) {
    const field = schema.shape[key] as unknown as z.ZodDefault<z.ZodType>;
    shape[key] = field.unwrap().default(value as never);
  }
  return schema.extend(shape) as unknown as S;
}
