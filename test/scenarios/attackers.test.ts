import { describe, expect, it } from 'vitest';
import { ComboList } from '../../scenarios/attackers/combo-list.js';
import { Botnet } from '../../scenarios/attackers/botnet.js';
import { SpraySource, StuffingSource, BruteForceSource } from '../../scenarios/attackers/sources.js';
import { READY, WAIT, DONE } from '../../scenarios/attackers/campaign.js';
import { SeededRandom } from '../../simulator/core/random.js';
import { World } from '../../simulator/core/world.js';
import { Cloud } from '../../simulator/cloud/cloud.js';
import { Town } from '../../simulator/population/town.js';
import { residentsWith } from '../../simulator/population/residents.js';
import { DEFAULT_POPULATION } from '../../simulator/population/population-params.js';
import { runScenario } from '../../simulator/runner/run-scenario.js';
import { scenario } from './helpers.js';

function town(homes: number, seed = 3) {
  const world = new World({ seed });
  const cloud = new Cloud(world);
  return { world, cloud, town: new Town(world, cloud, { homes, resident: residentsWith(DEFAULT_POPULATION) }) };
}

describe('the combo list from "another site\'s breach"', () => {
  it('holds residentShare of the residents, with their other-site password, among entriesPerHome × homes entries', () => {
    const { town: t } = town(2_000);
    const list = new ComboList(new SeededRandom(1, 'test/combo'), t.homes, { residentShare: 0.73, entriesPerHome: 100 });
    expect(list.size).toBe(200_000);
    expect(Math.abs(list.residentEntries / 2_000 - 0.73)).toBeLessThan(0.03);
    const byEmail = new Map(t.homes.map((h) => [h.owner.email, h]));
    let residents = 0;
    for (let i = 0; i < list.size; i++) {
      const home = byEmail.get(list.email(i));
      if (!home) continue;
      residents++;
      expect(list.password(i)).toBe(home.habits!.otherSitePassword);
    }
    expect(residents).toBe(list.residentEntries);
  });

  it('stuffing tries every entry once, then variants only while the account is not cracked', () => {
    const { town: t } = town(10);
    const list = new ComboList(new SeededRandom(1, 'test/combo'), t.homes, { residentShare: 1, entriesPerHome: 3 });
    const plain = new StuffingSource(list, 0);
    let n = 0;
    while (plain.advance() === READY) n++;
    expect(n).toBe(30);
    const withVariants = new StuffingSource(list, 2);
    expect(withVariants.advance()).toBe(READY);
    const first = withVariants.email;
    withVariants.found(first);
    expect(withVariants.advance()).toBe(READY);
    expect(withVariants.email).not.toBe(first); // the cracked account's variants are skipped
  });
});

describe('spraying and brute-force sources', () => {
  it('spraying pauses between rounds and skips cracked accounts', () => {
    const s = new SpraySource(['a@x', 'b@x'], 3, 60_000);
    expect([s.advance(0), s.email, s.password]).toEqual([READY, 'a@x', '123456']);
    s.found('a@x');
    expect([s.advance(0), s.email]).toEqual([READY, 'b@x']);
    expect(s.advance(0)).toBe(WAIT);
    expect(s.advance(30_000)).toBe(WAIT);
    expect([s.advance(60_000), s.email, s.password]).toEqual([READY, 'b@x', 'password']);
  });

  it('brute force interleaves targets through one dictionary until it ends', () => {
    const s = new BruteForceSource(['a@x', 'b@x'], 3);
    const seen: string[] = [];
    while (s.advance() === READY) seen.push(`${s.email}:${s.password}`);
    expect(seen).toEqual(['a@x:123456', 'b@x:123456', 'a@x:password', 'b@x:password', 'a@x:123456789', 'b@x:123456789']);
    expect(s.advance()).toBe(DONE);
  });
});

describe('the botnet', () => {
  it('sizes its proxy pool for 1.18 attempts per IP and spreads requests over it', () => {
    const botnet = new Botnet(new SeededRandom(1, 'test/botnet'), { attemptsPerIp: 1.18, ips: 0, fingerprints: 50 }, 100_000);
    expect(botnet.ips).toBe(Math.ceil(100_000 / 1.18));
    const seen = new Map<string, number>();
    for (let i = 0; i < 100_000; i++) seen.set(botnet.ip(), (seen.get(botnet.ip()) ?? 0) + 1);
    expect(seen.size).toBeGreaterThan(50_000);
  });
});

describe('owners complete what defences ask of them', () => {
  it('owners log in from their app\'s address, and finish 2FA, challenges and resets', async () => {
    const { report, sim } = await runScenario(scenario('credential-stuffing'), {
      seed: 4,
      homes: 40,
      duration: '12h',
      transport: 'direct',
      defenses: 'all',
      retainLog: true,
      set: ['app.signedInAtStart=0'], // every owner signs in at the first open: logins to watch
    });
    const owners = sim.world.log.ofType('cloud.login').filter((e) => e.actor === 'owner' && e.accountId !== null);
    expect(owners.length).toBeGreaterThan(20);
    for (const e of owners) expect(e.ip).toBe(sim.apps[Number(e.accountId!.slice(5)) - 1]!.ip);
    expect(report.metrics['owners.loginsOk']).toBeGreaterThan(10);
    expect(report.metrics['owners.extraPrompts']).toBeGreaterThan(0);
    // Owners only give up after a typo they could not retry past; never because of a defence they can answer.
    expect(sim.world.log.ofType('app.login-gave-up').filter((e) => e.outcome !== 'denied')).toEqual([]);
  });
});
