import { COMMON_PASSWORDS } from '../../simulator/population/data/common-passwords.js';
import { passwordVariants } from '../../simulator/population/password-modifications.js';
import { humanCandidates } from '../../simulator/population/password-model.js';
import { DONE, READY, WAIT, type Advance, type CredentialSource } from './campaign.js';
import type { ComboList } from './combo-list.js';

/**
 * Credential stuffing (OWASP OAT-008): every entry of the combo list once, in list order,
 * then — with `variants` > 0 — that many modifications of its password (most likely rule
 * first) until one works.
 */
export class StuffingSource implements CredentialSource {
  email = '';
  password = '';
  private entry = 0;
  private variantQueue: string[] = [];
  private readonly known = new Set<string>();
  readonly planned: number;

  constructor(private readonly list: ComboList, private readonly variants: number) {
    this.planned = list.size * (1 + variants);
  }

  advance(): Advance {
    while (this.variantQueue.length > 0) {
      const next = this.variantQueue.shift()!;
      if (this.known.has(this.email)) {
        this.variantQueue.length = 0;
        break;
      }
      this.password = next;
      return READY;
    }
    if (this.entry >= this.list.size) return DONE;
    const i = this.entry++;
    this.email = this.list.email(i);
    this.password = this.list.password(i);
    if (this.variants > 0) this.variantQueue = passwordVariants(this.password, this.variants);
    return READY;
  }

  found(email: string): void {
    if (this.variants > 0) this.known.add(email);
  }
}

/**
 * Password spraying: the top-N common passwords, one round per password across every target
 * address (most common first), with an optional pause between rounds so no account sees
 * many failures at once. An account whose password was found is not sprayed again.
 */
export class SpraySource implements CredentialSource {
  email = '';
  password = '';
  private round = 0;
  private target = 0;
  private resumeAtMs = 0;
  private readonly known = new Set<string>();
  readonly planned: number;

  constructor(private readonly targets: readonly string[], private readonly passwords: number, private readonly roundPauseMs: number) {
    this.planned = targets.length * passwords;
  }

  advance(nowMs: number): Advance {
    if (nowMs < this.resumeAtMs) return WAIT;
    for (;;) {
      if (this.round >= this.passwords) return DONE;
      if (this.target >= this.targets.length) {
        this.round++;
        this.target = 0;
        if (this.roundPauseMs > 0) {
          this.resumeAtMs = nowMs + this.roundPauseMs;
          return WAIT;
        }
        continue;
      }
      const email = this.targets[this.target++]!;
      if (this.known.has(email)) continue;
      this.email = email;
      this.password = COMMON_PASSWORDS[this.round]!;
      return READY;
    }
  }

  found(email: string): void {
    this.known.add(email);
  }
}

/**
 * Targeted brute force (OWASP OAT-007 credential cracking): each target in turn gets the
 * next guess from one dictionary — the common top-100, then human-chosen candidates, most
 * likely first — until its password is found or the dictionary (`dictionarySize`) ends.
 */
export class BruteForceSource implements CredentialSource {
  email = '';
  password = '';
  private guess = 0;
  private target = 0;
  private readonly active: string[];
  private readonly dictionary: readonly string[];
  readonly planned: number;

  constructor(targets: readonly string[], dictionarySize: number) {
    this.active = [...targets];
    const dictionary: string[] = [...COMMON_PASSWORDS];
    const seen = new Set(dictionary);
    for (const candidate of humanCandidates()) {
      if (dictionary.length >= dictionarySize) break;
      if (!seen.has(candidate)) dictionary.push(candidate);
    }
    this.dictionary = dictionary.slice(0, dictionarySize);
    this.planned = targets.length * this.dictionary.length;
  }

  advance(): Advance {
    if (this.active.length === 0) return DONE;
    if (this.target >= this.active.length) {
      this.target = 0;
      this.guess++;
    }
    if (this.guess >= this.dictionary.length) return DONE;
    this.email = this.active[this.target++]!;
    this.password = this.dictionary[this.guess]!;
    return READY;
  }

  found(email: string): void {
    const i = this.active.indexOf(email);
    if (i < 0) return;
    this.active.splice(i, 1);
    if (i < this.target) this.target--;
  }
}
