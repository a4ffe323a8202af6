import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../simulator/runner/run-scenario.js';
import { pairedDifference, runSeeds, scenario, values, type Metrics } from './helpers.js';

/**
 * `app.signedInAtStart`: owners whose phone holds a session from before the run make no
 * password login until it ends, so the known bias of a town that starts signed out (one
 * login, one second-factor prompt per owner at the first open) can be switched off.
 */
describe('app.signedInAtStart removes the first-open login of every owner', () => {
  const common = { homes: 100, duration: '12h', defenses: '2fa-mandatory' };
  let signedOut: Metrics[];
  let signedIn: Metrics[];
  beforeAll(async () => {
    signedOut = await runSeeds('credential-stuffing', common);
    signedIn = await runSeeds('credential-stuffing', { ...common, set: ['app.signedInAtStart=1'] });
  });

  it('owners log in and are prompted less (paired 95 % CI above zero), and the attack is untouched', () => {
    expect(pairedDifference(signedOut, signedIn, 'owners.loginAttempts').low).toBeGreaterThan(0);
    expect(pairedDifference(signedOut, signedIn, 'owners.extraPrompts').low).toBeGreaterThan(0);
    expect(values(signedIn, 'attack.takeovers')).toEqual(values(signedOut, 'attack.takeovers'));
  });

  it('with no password logins during the run, a signed-in town makes no owner login at all', async () => {
    const set = ['app.signedInAtStart=1', 'population.passwordLoginsPerDay=0'];
    const { report, sim } = await runScenario(scenario('credential-stuffing'), { seed: 2, ...common, transport: 'direct', set });
    expect(sim.world.log.count('app.signed-in-at-start')).toBe(common.homes);
    expect(sim.world.log.count('app.open')).toBeGreaterThan(0);
    expect(report.metrics['owners.loginAttempts']).toBe(0);
  });

  it('the default starts every owner signed out, as before', async () => {
    const { sim } = await runScenario(scenario('credential-stuffing'), { seed: 2, ...common, transport: 'direct' });
    expect(sim.world.log.count('app.signed-in-at-start')).toBe(0);
    expect(sim.world.log.count('cloud.login')).toBeGreaterThan(0);
  });
});
