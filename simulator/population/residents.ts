import type { SeededRandom } from '../core/random.js';
import { COMMON_PASSWORDS } from './data/common-passwords.js';
import type { PopulationParams } from './population-params.js';
import { modifyPassword } from './password-modifications.js';
import { commonPassword, humanPassword, strongPassword } from './password-model.js';
import type { ResidentChoice } from './town.js';

/** How the customer password relates to the resident's password at the site that leaks. */
export type PasswordHabit = 'exact-reuse' | 'modified-reuse' | 'unique';

/** What a resident is like: ground truth for generating breaches and for metrics, never read by defences. */
export interface ResidentHabits {
  readonly habit: PasswordHabit;
  /** The resident's password at "another site", the one whose breach feeds the combo list. */
  readonly otherSitePassword: string;
  /** The customer password came from the common top-100 list. */
  readonly weak: boolean;
  readonly passwordManager: boolean;
  /** The factor the owner opted into, or null. */
  readonly secondFactor: 'sms' | 'totp' | null;
}

/**
 * Draws one resident: habit first (exact reuse, modified reuse, unique — the published
 * shares), then the passwords that habit implies. Password-manager users are among the
 * "unique" residents (they reuse nothing), so the exact and modified reuse shares stay
 * those of the study; within the unique share the chance of a manager is
 * passwordManagerShare / uniqueShare (capped at 1).
 */
export function drawResident(random: SeededRandom, p: PopulationParams): ResidentChoice & { habits: ResidentHabits } {
  const chosen = () => (random.chance(p.weakShare) ? commonPassword(random) : humanPassword(random));
  const u = random.float();
  let habit: PasswordHabit;
  let otherSitePassword: string;
  let password: string;
  let passwordManager = false;
  if (u < p.reuseRate) {
    habit = 'exact-reuse';
    password = otherSitePassword = chosen();
  } else if (u < p.reuseRate + p.modifiedReuseRate) {
    habit = 'modified-reuse';
    otherSitePassword = chosen();
    password = modifyPassword(otherSitePassword, random);
  } else {
    habit = 'unique';
    const uniqueShare = 1 - p.reuseRate - p.modifiedReuseRate;
    passwordManager = random.chance(uniqueShare > 0 ? Math.min(1, p.passwordManagerShare / uniqueShare) : 0);
    otherSitePassword = passwordManager ? strongPassword(random) : chosen();
    password = passwordManager ? strongPassword(random) : chosen();
    if (password === otherSitePassword) password = modifyPassword(password, random); // "unique" means different
  }
  const secondFactor = random.chance(p.twoFactorAdoption) ? p.twoFactorMethod : null;
  const weak = COMMON.has(password);
  return { password, secondFactor, habits: { habit, otherSitePassword, weak, passwordManager, secondFactor } };
}

const COMMON = new Set(COMMON_PASSWORDS);

/** The Town hook that gives each resident these habits. */
export function residentsWith(p: PopulationParams): (index: number, random: SeededRandom) => ResidentChoice {
  return (_index, random) => drawResident(random, p);
}
