import { beforeAll, describe, expect, it } from 'vitest';
import { runSeeds, values, type Metrics } from './helpers.js';

/**
 * A bot challenge comes before the password check, so an owner who mistyped and then solved
 * the challenge still sent the typo: it must be refused as a wrong password, as without the
 * challenge, not corrected on the way (owner-login.ts retries with what the owner typed).
 */
describe('owners\' typos survive a bot challenge', () => {
  // Every owner signs in at the first open and mistypes often, so there are typos to count.
  const common = { homes: 100, duration: '12h', set: ['app.signedInAtStart=0', 'population.typoRate=0.3'] };
  let none: Metrics[];
  let challenged: Metrics[];
  beforeAll(async () => {
    none = await runSeeds('credential-stuffing', { ...common, defenses: 'none' });
    challenged = await runSeeds('credential-stuffing', { ...common, defenses: 'bot-detection' });
  });

  it('counts about as many wrong passwords with the challenge as without it', () => {
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const without = sum(values(none, 'owners.wrongPasswords'));
    const withChallenge = sum(values(challenged, 'owners.wrongPasswords'));
    console.log(`owners.wrongPasswords over ${none.length} seeds: ${without} without a challenge, ${withChallenge} with one`);
    expect(without).toBeGreaterThan(0);
    // An owner who fails a challenge (humanPassRate 0.95) solves again, up to 8 steps, so
    // nearly every typo reaches the password check.
    expect(withChallenge).toBeGreaterThanOrEqual(0.9 * without);
    expect(withChallenge).toBeLessThanOrEqual(without);
  });
});
