import type { SeededRandom } from '../core/random.js';

/**
 * How people modify a password they already use to make "a new one", and so how an
 * attacker who holds the old one guesses the new one.
 *
 * The rules are the commonest transformations Das et al. found ("The Tangled Web of
 * Password Reuse", NDSS 2014: appending or deleting characters, capitalisation, leet
 * substitutions, sequential numbers) and Wang et al. saw dominate modified reuse ("The Next
 * Domino to Fall", ACM CODASPY 2018: insertions and deletions at the tail). The weights are
 * this simulator's assumption shaped after those rankings; attackers try the rules in weight
 * order, which is what makes 30 % of modified passwords fall within 10 guesses in Wang et al.
 */
export interface ModificationRule {
  readonly name: string;
  readonly weight: number;
  apply(password: string): string;
}

const LEET: Readonly<Record<string, string>> = { a: '@', o: '0', e: '3', s: '$', i: '1' };

export const MODIFICATION_RULES: readonly ModificationRule[] = [
  { name: 'append-1', weight: 0.3, apply: (p) => `${p}1` },
  { name: 'toggle-first-case', weight: 0.2, apply: toggleFirstCase },
  { name: 'append-!', weight: 0.15, apply: (p) => `${p}!` },
  { name: 'increment-tail', weight: 0.1, apply: incrementTail },
  { name: 'leet', weight: 0.1, apply: leet },
  { name: 'delete-last', weight: 0.1, apply: (p) => (p.length > 1 ? p.slice(0, -1) : `${p}1`) },
  { name: 'append-123', weight: 0.05, apply: (p) => `${p}123` },
];

const weights = MODIFICATION_RULES.map((r) => r.weight);

/** A modified version of `password`, never equal to it. */
export function modifyPassword(password: string, random: SeededRandom): string {
  const modified = MODIFICATION_RULES[random.weighted(weights)]!.apply(password);
  return modified === password ? `${password}1` : modified;
}

/** The attacker's variants of a known password, most likely rule first, without duplicates or the original. */
export function passwordVariants(password: string, limit = MODIFICATION_RULES.length): string[] {
  const out: string[] = [];
  for (const rule of MODIFICATION_RULES) {
    if (out.length >= limit) break;
    const variant = rule.apply(password);
    if (variant !== password && !out.includes(variant)) out.push(variant);
  }
  return out;
}

function toggleFirstCase(p: string): string {
  const first = p[0];
  if (first === undefined) return '1';
  const upper = first.toUpperCase();
  return (first === upper ? first.toLowerCase() : upper) + p.slice(1);
}

/** `summer1987` → `summer1988`; no trailing digit → append `2`. */
function incrementTail(p: string): string {
  const match = /(\d+)$/.exec(p);
  if (!match) return `${p}2`;
  const digits = match[1]!;
  const next = String(Number(digits.slice(-6)) + 1).padStart(Math.min(digits.length, 6), '0');
  return p.slice(0, p.length - Math.min(digits.length, 6)) + next;
}

/** First substitutable letter replaced by its leet form; `@` appended when there is none. */
function leet(p: string): string {
  for (let i = 0; i < p.length; i++) {
    const sub = LEET[p[i]!.toLowerCase()];
    if (sub !== undefined) return p.slice(0, i) + sub + p.slice(i + 1);
  }
  return `${p}@`;
}
