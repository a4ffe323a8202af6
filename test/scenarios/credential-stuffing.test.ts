import { beforeAll, describe, expect, it } from 'vitest';
import { summarize } from '../../simulator/metrics/statistics.js';
import { expectPositive, runSeeds, values, type Metrics } from './helpers.js';

/**
 * With default parameters and no defences (Ring in 2019), stuffing takes over accounts and
 * its success rate per attempt lies in the 0.1–2 % band vendors report for credential
 * stuffing (figures quoted from Shape Security / F5 Labs credential-spill reports). The
 * defaults behind it, each from its source (docs/scenarios.md):
 *   - 38 % exact and 20 % modified reuse — Wang et al., "The Next Domino to Fall", CODASPY 2018 (28.8 M users);
 *   - 73 % of residents in the breach list — Mayer et al., USENIX Security 2021;
 *   - 100 list entries per home — an assumption sizing the flagship at ~1 M attempts;
 *   - 12 % password-manager users — Pew Research Center 2017; 13.6 % weak passwords — SplashData 2018.
 * Expected rate ≈ 0.73 × 0.38 / 100 ≈ 0.28 %.
 */
describe('credential stuffing, defaults, no defences', () => {
  let runs: Metrics[];
  beforeAll(async () => {
    runs = await runSeeds('credential-stuffing', { homes: 100, duration: '12h', defenses: 'none' });
  });

  it('takes over accounts (95 % CI of the mean above zero, 10 seeds)', () => {
    expectPositive(runs, 'attack.takeovers');
    expectPositive(runs, 'devices.hijacked');
    expectPositive(runs, 'video.exposedSeconds');
  });

  it('succeeds on 0.1–2 % of attempts, the band vendors report', () => {
    const s = summarize(values(runs, 'attack.successRate'))!;
    console.log(`success rate per attempt: ${(s.mean * 100).toFixed(3)} % ± ${(s.ci95 * 100).toFixed(3)} %`);
    expect(s.mean - s.ci95).toBeGreaterThanOrEqual(0.001);
    expect(s.mean + s.ci95).toBeLessThanOrEqual(0.02);
  });

  it('with no defence every valid credential is a takeover, and owners are never blocked', () => {
    expect(values(runs, 'attack.takeovers')).toEqual(values(runs, 'attack.validCredentials'));
    expect(values(runs, 'owners.loginsBlocked').every((v) => v === 0)).toBe(true);
    expect(values(runs, 'detections').every((v) => v === 0)).toBe(true);
  });
});
