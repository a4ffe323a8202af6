import { beforeAll, describe, expect, it } from 'vitest';
import { difference, expectPositive, runSeeds, type Metrics } from './helpers.js';

/**
 * A targeted brute force (10 accounts, a 5,000-word dictionary of common then human-chosen passwords,
 * 600 guesses a minute from 4 hosts) cracks about half its targets in 3 hours without a
 * defence; consecutive-fails (10 per account+IP, then an hour's block) and lockout (10 per
 * 15 minutes, then 15 minutes locked) cut the guesses it gets by orders of magnitude.
 */
describe('consecutive-fails and lockout stop a targeted brute force', () => {
  const common = { homes: 100, duration: '3h', set: ['brute.dictionarySize=5000'] };
  let none: Metrics[];
  let lockout: Metrics[];
  let fails: Metrics[];
  beforeAll(async () => {
    none = await runSeeds('brute-force', { ...common, defenses: 'none' });
    lockout = await runSeeds('brute-force', { ...common, defenses: 'lockout' });
    fails = await runSeeds('brute-force', { ...common, defenses: 'consecutive-fails' });
  });

  it('without a defence the brute force takes over accounts', () => {
    expectPositive(none, 'attack.takeovers');
  });

  it('lockout: at least half fewer takeovers, the CI of the difference above zero', () => {
    const d = difference(none, lockout, 'attack.takeovers');
    expect(d.low).toBeGreaterThan(0);
    expect(d.meanB).toBeLessThanOrEqual(0.5 * d.meanA);
  });

  it('consecutive-fails: at least half fewer takeovers, the CI of the difference above zero', () => {
    const d = difference(none, fails, 'attack.takeovers');
    expect(d.low).toBeGreaterThan(0);
    expect(d.meanB).toBeLessThanOrEqual(0.5 * d.meanA);
  });
});
