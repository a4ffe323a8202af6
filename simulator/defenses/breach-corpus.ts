import type { Cloud } from '../cloud/cloud.js';

/**
 * The public breach corpus a defender can check passwords against (Have I Been Pwned's
 * Pwned Passwords, NIST SP 800-63B §5.1.1.2 "passwords obtained from previous breach
 * corpuses"). In the simulator it holds generated passwords only: a scenario adds the
 * passwords of the combo lists its attackers use (they come from earlier public breaches,
 * which is exactly what such corpora index) and any common-password list it generates.
 * No real breach data (DESIGN.md, "Safe").
 */
export class BreachCorpus {
  private readonly passwords = new Set<string>();

  add(password: string): void {
    this.passwords.add(password);
  }

  addAll(passwords: Iterable<string>): void {
    for (const p of passwords) this.passwords.add(p);
  }

  has(password: string): boolean {
    return this.passwords.has(password);
  }

  get size(): number {
    return this.passwords.size;
  }
}

const corpora = new WeakMap<Cloud, BreachCorpus>();

/** The breach corpus of this cloud's world; exists whether or not `breached-password` is on. */
export function breachCorpus(cloud: Cloud): BreachCorpus {
  let corpus = corpora.get(cloud);
  if (!corpus) corpora.set(cloud, (corpus = new BreachCorpus()));
  return corpus;
}
