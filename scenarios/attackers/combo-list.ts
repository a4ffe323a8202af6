import type { SeededRandom } from '../../simulator/core/random.js';
import { COMMON_PASSWORDS } from '../../simulator/population/data/common-passwords.js';
import { strongPassword } from '../../simulator/population/password-model.js';
import { ownerEmail, type Home } from '../../simulator/population/town.js';
import type { ComboParams } from './attack-params.js';

/** Domains of the non-customers in the list (reserved .example names: never real mailboxes). */
const OTHER_DOMAINS = ['webmail.example', 'inbox.example', 'post.example', 'mail.example'];

/**
 * Rows per distinct e-mail: combo lists hold the same address with passwords from several
 * breaches. Collection #1 (Troy Hunt, 17 Jan 2019): 2.69 billion rows, 773 million unique
 * addresses, ≈ 3.5 rows per address.
 */
export const ROWS_PER_EMAIL = 3.5;
/** At most this many distinct non-customer addresses are kept (memory), reused in list order. */
const MAX_OTHER_EMAILS = 1 << 18;

/**
 * A combo list from "another site's breach": e-mail and password pairs. A share of the
 * town's residents appear with their password at that site (which equals or resembles
 * their customer password as their habit has it); everyone else in the list is not a
 * customer. Generated, never real data (DESIGN.md, "Safe").
 *
 * Generating the breach reads the residents' other-site passwords — the simulated breach
 * happened elsewhere, before the run. The attacker only ever reads the list.
 *
 * Non-customer rows are not stored one by one: their addresses come from a pool of
 * size/ROWS_PER_EMAIL strings built once (each address appears ~3.5 times, as in real lists,
 * and the strings keep their hash between lookups), and their password is a common one,
 * which the cloud never compares because the e-mail is unknown.
 */
export class ComboList {
  readonly size: number;
  /** Entry index → resident slot, or −1 for a non-customer. */
  private readonly slotAt: Int32Array;
  private readonly residentEmails: string[] = [];
  private readonly residentPasswords: string[] = [];
  private readonly otherEmails: string[];

  constructor(random: SeededRandom, homes: readonly Home[], params: ComboParams) {
    const inBreach = homes.filter(() => random.chance(params.residentShare));
    this.size = Math.max(inBreach.length, Math.round(homes.length * params.entriesPerHome));
    this.slotAt = new Int32Array(this.size).fill(-1);
    const others = Math.max(1, Math.min(MAX_OTHER_EMAILS, Math.ceil(this.size / ROWS_PER_EMAIL)));
    this.otherEmails = Array.from({ length: others }, (_, n) => `user${n}@${OTHER_DOMAINS[n & 3]}`);
    for (const home of inBreach) {
      let at = random.int(0, this.size - 1);
      while (this.slotAt[at] !== -1) at = at + 1 === this.size ? 0 : at + 1;
      this.slotAt[at] = this.residentEmails.length;
      // The address at breach time; the other-site password (a strong one when no habits were modelled).
      this.residentEmails.push(ownerEmail(home.index));
      this.residentPasswords.push(home.habits?.otherSitePassword ?? strongPassword(random));
    }
  }

  /** How many residents the list holds (for docs and tests; an attacker cannot tell). */
  get residentEntries(): number {
    return this.residentEmails.length;
  }

  email(i: number): string {
    const slot = this.slotAt[i]!;
    return slot >= 0 ? this.residentEmails[slot]! : this.otherEmails[i % this.otherEmails.length]!;
  }

  password(i: number): string {
    const slot = this.slotAt[i]!;
    return slot >= 0 ? this.residentPasswords[slot]! : COMMON_PASSWORDS[i % COMMON_PASSWORDS.length]!;
  }

  /** Every password in the list (what a breach corpus such as Pwned Passwords indexes). */
  passwords(): string[] {
    return [...this.residentPasswords, ...COMMON_PASSWORDS];
  }
}
