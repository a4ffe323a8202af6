import { beforeAll, describe, expect, it } from 'vitest';
import { difference, runSeeds, type Metrics } from './helpers.js';

/**
 * login-alerts: an owner told of a new device reacts with probability 0.22 (Markert et al.,
 * CHI 2024) an hour later (assumption) by revoking sessions and changing the password, so
 * attackers hold accounts for less time, and see less video.
 */
describe('login-alerts shortens dwell time', () => {
  const common = { homes: 100, duration: '24h' };
  let none: Metrics[];
  let alerts: Metrics[];
  beforeAll(async () => {
    none = await runSeeds('credential-stuffing', { ...common, defenses: 'none' });
    alerts = await runSeeds('credential-stuffing', { ...common, defenses: 'login-alerts' });
  });

  it('mean dwell is shorter (95 % CI of the difference above zero)', () => {
    const d = difference(none, alerts, 'attack.dwellMeanSeconds');
    expect(d.low).toBeGreaterThan(0);
  });

  it('the same accounts are taken over: alerts detect, they do not prevent', () => {
    const d = difference(none, alerts, 'attack.takeovers');
    expect(d.diff).toBe(0);
    const lost = difference(alerts, none, 'attack.accessLost');
    expect(lost.low).toBeGreaterThan(0);
  });
});
