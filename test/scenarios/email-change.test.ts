import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../simulator/runner/run-scenario.js';
import { pairedDifference, runSeeds, scenario, values, type Metrics } from './helpers.js';

/**
 * An attacker who changes a taken-over account's e-mail locks the owner out: owners sign in
 * with their own address (Home.email), which then names no account, and the cloud answers
 * the one generic refusal. The run counts both sides: `attack.emailsChanged` and
 * `owners.loginsUnknownAddress`.
 */
describe('account takeover: an e-mail change locks the owner out', () => {
  // An owner finds out at their next password login. By default that is once in 20 days
  // (apps keep their sessions); here owners type it daily, so a 48-hour run gives most owners
  // whose e-mail changed on day one a login to fail.
  const common = { homes: 100, duration: '48h' };
  const daily = 'population.passwordLoginsPerDay=1';
  let changing: Metrics[];
  let keeping: Metrics[];
  beforeAll(async () => {
    changing = await runSeeds('account-takeover', { ...common, set: [daily, 'takeover.changeEmailChance=1'] });
    keeping = await runSeeds('account-takeover', { ...common, set: [daily, 'takeover.changeEmailChance=0'] });
  });

  it('no e-mail change, no owner login refused as an unknown address', () => {
    expect(values(keeping, 'attack.emailsChanged').every((v) => v === 0)).toBe(true);
    expect(values(keeping, 'owners.loginsUnknownAddress').every((v) => v === 0)).toBe(true);
  });

  it('taken-over accounts have their e-mail changed, and owners are refused (paired 95 % CI above zero)', () => {
    // At the attacker's first visit: an account whose session died before it is not changed.
    const changed = values(changing, 'attack.emailsChanged');
    const takeovers = values(changing, 'attack.takeovers');
    changed.forEach((n, i) => expect(n).toBeLessThanOrEqual(takeovers[i]!));
    expect(changed.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const d = pairedDifference(changing, keeping, 'owners.loginsUnknownAddress');
    expect(d.low).toBeGreaterThan(0);
    const ok = pairedDifference(keeping, changing, 'owners.loginsOk');
    expect(ok.low).toBeGreaterThan(0);
  });

  it('in the log, an owner login is refused as unknown only for an account whose e-mail the attacker had changed before', async () => {
    const { sim } = await runScenario(scenario('account-takeover'), { seed: 3, ...common, transport: 'direct', retainLog: true, set: [daily, 'takeover.changeEmailChance=1'] });
    const log = sim.world.log;
    const changedAt = new Map(log.ofType('cloud.email-changed').map((e) => [e.accountId, e.t]));
    const refused = log.ofType('cloud.login').filter((e) => e.actor === 'owner' && e.reason === 'unknown-account');
    expect(refused.length).toBeGreaterThan(0);
    for (const e of refused) {
      expect(e.accountId).toBeNull(); // the cloud itself cannot tell whose address it was
      // Each app has its own address, so the IP names the owner.
      const home = sim.apps.find((a) => a.ip === e.ip)?.home;
      expect(home).toBeDefined();
      const t = changedAt.get(home!.owner.id);
      expect(t).toBeDefined();
      expect(t!).toBeLessThanOrEqual(e.t);
    }
  });
});
