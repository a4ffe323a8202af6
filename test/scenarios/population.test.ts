import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../simulator/core/random.js';
import { DEFAULT_POPULATION, populationSchema } from '../../simulator/population/population-params.js';
import { modifyPassword, passwordVariants, MODIFICATION_RULES } from '../../simulator/population/password-modifications.js';
import { commonPasswordCoverage, humanCandidates } from '../../simulator/population/password-model.js';
import { drawResident } from '../../simulator/population/residents.js';
import { COMMON_PASSWORDS } from '../../simulator/population/data/common-passwords.js';

/** 95 % binomial interval half-width (normal approximation) for a share p over n draws. */
const half = (p: number, n: number) => 1.96 * Math.sqrt((p * (1 - p)) / n);

function shares(params = DEFAULT_POPULATION, n = 20_000, seed = 5) {
  const random = new SeededRandom(seed, 'test/residents');
  const counts = { exact: 0, modified: 0, unique: 0, weak: 0, manager: 0, twoFactor: 0 };
  for (let i = 0; i < n; i++) {
    const { habits, password } = drawResident(random, params);
    if (habits.habit === 'exact-reuse') {
      counts.exact++;
      expect(password).toBe(habits.otherSitePassword);
    } else if (habits.habit === 'modified-reuse') {
      counts.modified++;
      expect(password).not.toBe(habits.otherSitePassword);
    } else {
      counts.unique++;
      expect(password).not.toBe(habits.otherSitePassword);
    }
    if (habits.weak) counts.weak++;
    if (habits.passwordManager) counts.manager++;
    if (habits.secondFactor) counts.twoFactor++;
  }
  return { n, counts };
}

describe('residents pick passwords with the published habits', () => {
  it('default profile (Wang et al. 2018): 38 % exact reuse, 20 % modified, 9 % opt-in 2FA, 12 % password managers', () => {
    const { n, counts } = shares();
    expect(Math.abs(counts.exact / n - 0.38)).toBeLessThan(half(0.38, n) * 1.5);
    expect(Math.abs(counts.modified / n - 0.2)).toBeLessThan(half(0.2, n) * 1.5);
    expect(Math.abs(counts.twoFactor / n - 0.09)).toBeLessThan(half(0.09, n) * 1.5);
    expect(Math.abs(counts.manager / n - 0.12)).toBeLessThan(half(0.12, n) * 1.5);
    // Weak customer passwords: the weak share of self-chosen passwords, less what modification and managers take away.
    expect(counts.weak / n).toBeGreaterThan(0.07);
    expect(counts.weak / n).toBeLessThan(0.136);
  });

  it('das2014 profile: 47 % exact reuse (midpoint of 43–51 %), still overridable field by field', () => {
    const das = populationSchema.parse({ profile: 'das2014' });
    expect(das.reuseRate).toBe(0.47);
    const { n, counts } = shares(das);
    expect(Math.abs(counts.exact / n - 0.47)).toBeLessThan(half(0.47, n) * 1.5);
    expect(populationSchema.parse({ profile: 'das2014', reuseRate: 0.5 }).reuseRate).toBe(0.5);
  });

  it('popular common passwords come first: SplashData calibration (top 25 ≈ 73.6 % of the weak mass, 123456 ≈ 19 %)', () => {
    expect(COMMON_PASSWORDS.slice(0, 4)).toEqual(['123456', 'password', '123456789', '12345678']);
    expect(commonPasswordCoverage(25)).toBeCloseTo(0.736, 2);
    expect(commonPasswordCoverage(1)).toBeCloseTo(0.193, 2);
    expect(commonPasswordCoverage(100)).toBeCloseTo(1, 10);
  });

  it('modified passwords differ from the original, and attackers trying every rule in order reach them', () => {
    const random = new SeededRandom(9, 'test/modify');
    for (let i = 0; i < 2_000; i++) {
      const base = random.pick(['summer1987', 'Dragon', '123456', 'max!', 'a']);
      const modified = modifyPassword(base, random);
      expect(modified).not.toBe(base);
      if (modified !== `${base}1`) expect(passwordVariants(base, MODIFICATION_RULES.length)).toContain(modified);
    }
  });

  it('the brute-force dictionary is deterministic and ordered most likely first', () => {
    const a = humanCandidates();
    expect(a.length).toBeGreaterThan(50_000);
    expect(new Set(a).size).toBe(a.length);
    expect(a[0]).toBe('love');
    expect(humanCandidates()).toBe(a);
  });
});
