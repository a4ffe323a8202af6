import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../simulator/runner/run-scenario.js';
import { pairedDifference, runSeeds, scenario, values, type Metrics } from './helpers.js';

/**
 * `app.signedInAtStart`: by default every owner's phone holds a session from before the run
 * (apps keep 30-day sessions), so owners sign in with their password only when that session
 * ends. Setting it to 0 starts the town signed out: every owner's first open is a password
 * login, and under 2FA a second-factor prompt — a cost no steady-state day has.
 */
describe('app.signedInAtStart: owners start the run signed in', () => {
  const common = { homes: 100, duration: '12h', defenses: '2fa-mandatory' };
  let signedIn: Metrics[];
  let signedOut: Metrics[];
  beforeAll(async () => {
    signedIn = await runSeeds('credential-stuffing', common);
    signedOut = await runSeeds('credential-stuffing', { ...common, set: ['app.signedInAtStart=0'] });
  });

  it('a town that starts signed out logs in and is prompted far more (paired 95 % CI above zero); the attack is untouched', () => {
    expect(pairedDifference(signedOut, signedIn, 'owners.loginAttempts').low).toBeGreaterThan(0);
    expect(pairedDifference(signedOut, signedIn, 'owners.extraPrompts').low).toBeGreaterThan(0);
    expect(values(signedIn, 'attack.takeovers')).toEqual(values(signedOut, 'attack.takeovers'));
  });

  it('with no password logins during the run, the default town makes no owner login at all', async () => {
    const { report, sim } = await runScenario(scenario('credential-stuffing'), { seed: 2, ...common, transport: 'direct', set: ['population.passwordLoginsPerDay=0'] });
    expect(sim.world.log.count('app.signed-in-at-start')).toBe(common.homes);
    expect(sim.world.log.count('app.open')).toBeGreaterThan(0);
    expect(report.metrics['owners.loginAttempts']).toBe(0);
  });

  it('signed out at the start, no session is made for an owner before their first login', async () => {
    const { sim } = await runScenario(scenario('credential-stuffing'), { seed: 2, ...common, transport: 'direct', set: ['app.signedInAtStart=0'] });
    expect(sim.world.log.count('app.signed-in-at-start')).toBe(0);
    expect(sim.world.log.count('cloud.login')).toBeGreaterThan(0);
  });
});
