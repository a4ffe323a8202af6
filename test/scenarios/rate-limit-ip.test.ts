import { beforeAll, describe, expect, it } from 'vitest';
import { difference, pairedDifference, runSeeds, values, type Metrics } from './helpers.js';

/**
 * rate-limit-ip (100 attempts per IP per day) against stuffing through rotating proxies at
 * 1.18 attempts per IP (the 2023 attack DataDome observed: 108 M attempts from 91 M IPs)
 * changes takeovers little; the same attack from five IPs is stopped by it.
 */
describe('rate-limit-ip', () => {
  const common = { homes: 100, duration: '12h' };
  let none: Metrics[];
  let limited: Metrics[];
  let fewNone: Metrics[];
  let fewLimited: Metrics[];
  beforeAll(async () => {
    none = await runSeeds('credential-stuffing', { ...common, defenses: 'none' });
    limited = await runSeeds('credential-stuffing', { ...common, defenses: 'rate-limit-ip' });
    fewNone = await runSeeds('credential-stuffing', { ...common, defenses: 'none', set: ['botnet.ips=5'] });
    fewLimited = await runSeeds('credential-stuffing', { ...common, defenses: 'rate-limit-ip', set: ['botnet.ips=5'] });
  });

  it('barely changes takeovers by a botnet making 1.18 attempts per IP (paired difference within ±10 % of none)', () => {
    const meanNone = values(none, 'attack.takeovers').reduce((a, b) => a + b, 0) / none.length;
    expect(meanNone).toBeGreaterThan(0);
    const d = pairedDifference(none, limited, 'attack.takeovers');
    expect(Math.abs(d.low)).toBeLessThanOrEqual(0.1 * meanNone);
    expect(Math.abs(d.high)).toBeLessThanOrEqual(0.1 * meanNone);
  });

  it('stops a botnet with five IPs (≥ 80 % fewer takeovers, CI of the difference above zero)', () => {
    const d = difference(fewNone, fewLimited, 'attack.takeovers');
    expect(d.low).toBeGreaterThan(0);
    expect(d.meanB).toBeLessThanOrEqual(0.2 * d.meanA);
  });
});
