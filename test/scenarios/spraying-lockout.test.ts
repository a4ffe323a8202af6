import { beforeAll, describe, expect, it } from 'vitest';
import { difference, expectPositive, runSeeds, values, type Metrics } from './helpers.js';

/**
 * Lockout's cost: a fast spray (the top 100 passwords across every address of the breach,
 * 400 attempts a minute from 6 am, when owners start opening their apps) pushes each
 * account past 10 failures in 15 minutes, and owners who sign in then are locked out —
 * anyone who knows an e-mail can lock its owner out. The cost falls on owners who sign in
 * with their password while the spray runs; here every owner must (`app.signedInAtStart=0`:
 * every session ended before the day, as after a forced sign-out), which makes the effect
 * large enough to measure in 100 homes. With 30-day sessions only the few who sign in that
 * day pay it.
 */
describe('lockout under password spraying locks legitimate users out', () => {
  const common = { homes: 100, duration: '12h', set: ['spray.passwords=100', 'attack.ratePerMinute=400', 'attack.startMs=6h', 'app.signedInAtStart=0'] };
  let none: Metrics[];
  let lockout: Metrics[];
  beforeAll(async () => {
    none = await runSeeds('password-spraying', { ...common, defenses: 'none' });
    lockout = await runSeeds('password-spraying', { ...common, defenses: 'lockout' });
  });

  it('locks owners out (CI above zero) where none locks nobody', () => {
    expect(values(none, 'owners.lockedOut').every((v) => v === 0)).toBe(true);
    expectPositive(lockout, 'owners.lockedOut');
    const d = difference(lockout, none, 'owners.loginsBlocked');
    expect(d.low).toBeGreaterThan(0);
  });

  it('and the spray itself still finds weak passwords before the locks (lockout does not stop spraying)', () => {
    expectPositive(lockout, 'attack.takeovers');
    expectPositive(lockout, 'detections.lockouts');
  });
});
