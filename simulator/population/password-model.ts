import type { SeededRandom } from '../core/random.js';
import { COMMON_PASSWORDS } from './data/common-passwords.js';
import { PASSWORD_WORDS } from './data/password-words.js';

/**
 * How people's passwords look: common ones (a top-100 list), human-chosen ones (a word and
 * a suffix), random ones (a password manager), and modifications of an existing password.
 * Pure functions of the generator handed in; nothing here reads the world.
 */

/** Draws ranks 0 … n−1 with P(rank r) ∝ 1/(r+1)^s: Zipf's law fits password popularity (Wang et al., IEEE TIFS 2017). */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(readonly n: number, readonly exponent = 1) {
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let r = 0; r < n; r++) this.cumulative[r] = total += 1 / (r + 1) ** exponent;
    for (let r = 0; r < n; r++) this.cumulative[r]! /= total;
  }

  /** P(rank r). */
  probability(r: number): number {
    return this.cumulative[r]! - (r > 0 ? this.cumulative[r - 1]! : 0);
  }

  /** Probability mass of ranks 0 … k−1 (what a guesser trying the top k catches). */
  massOfTop(k: number): number {
    return k <= 0 ? 0 : this.cumulative[Math.min(k, this.n) - 1]!;
  }

  sample(random: SeededRandom): number {
    const u = random.float();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

const commonRanks = new ZipfSampler(COMMON_PASSWORDS.length);
const wordRanks = new ZipfSampler(PASSWORD_WORDS.length);

/** A password from the common list, popular ones more often. */
export function commonPassword(random: SeededRandom): string {
  return COMMON_PASSWORDS[commonRanks.sample(random)]!;
}

/** Share of common-password users a guesser catches by trying the top `k` of the list. */
export function commonPasswordCoverage(k: number): number {
  return commonRanks.massOfTop(k);
}

/**
 * Suffixes appended to a base word, with their shares. Digits and years at the end are the
 * commonest structure of human-chosen passwords (Weir et al., "Password Cracking Using
 * Probabilistic Context-Free Grammars", IEEE S&P 2009; Veras et al., NDSS 2014, on dates);
 * the split between the kinds is this simulator's assumption.
 */
interface SuffixKind {
  readonly share: number;
  readonly values: readonly string[];
}

const range = (from: number, to: number, pad = 0) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(pad, '0'));

export const SUFFIX_KINDS: readonly SuffixKind[] = [
  { share: 0.2, values: [''] },
  { share: 0.15, values: range(0, 9) },
  { share: 0.2, values: range(0, 99, 2) },
  { share: 0.25, values: range(1950, 2019) },
  { share: 0.12, values: ['123'] },
  { share: 0.08, values: ['!'] },
];

/** Share of human-chosen passwords that start with a capital (assumption; composition policies push it up). */
export const CAPITALISED_SHARE = 0.25;

const suffixWeights = SUFFIX_KINDS.map((k) => k.share);

/** A human-chosen password: a popular word, maybe capitalised, plus a suffix. */
export function humanPassword(random: SeededRandom): string {
  const word = PASSWORD_WORDS[wordRanks.sample(random)]!;
  const kind = SUFFIX_KINDS[random.weighted(suffixWeights)]!;
  const suffix = kind.values.length === 1 ? kind.values[0]! : random.pick(kind.values);
  return (random.chance(CAPITALISED_SHARE) ? capitalise(word) : word) + suffix;
}

/** A password-manager password: 96 random bits, never guessed, never reused. */
export function strongPassword(random: SeededRandom): string {
  return `${random.hex(6)}-${random.hex(6)}`;
}

function capitalise(word: string): string {
  return word.length === 0 ? word : word[0]!.toUpperCase() + word.slice(1);
}

let candidatesCache: readonly string[] | undefined;

/**
 * Every human-chosen password this model can produce, most probable first: the dictionary
 * an online guesser works through after the common list (≈55,000 entries, built once).
 */
export function humanCandidates(): readonly string[] {
  if (candidatesCache) return candidatesCache;
  const scored: Array<{ p: number; text: string }> = [];
  for (let w = 0; w < PASSWORD_WORDS.length; w++) {
    const word = PASSWORD_WORDS[w]!;
    const pw = wordRanks.probability(w);
    for (const kind of SUFFIX_KINDS) {
      const ps = kind.share / kind.values.length;
      for (const suffix of kind.values) {
        scored.push({ p: pw * ps * (1 - CAPITALISED_SHARE), text: word + suffix });
        scored.push({ p: pw * ps * CAPITALISED_SHARE, text: capitalise(word) + suffix });
      }
    }
  }
  // Ties keep generation order (Array.prototype.sort is stable), so the list is deterministic.
  scored.sort((a, b) => b.p - a.p);
  candidatesCache = scored.map((s) => s.text);
  return candidatesCache;
}
