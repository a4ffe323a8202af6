import { describe, it, expect } from 'vitest';
import { World } from '../../../simulator/core/world.js';
import { Cloud } from '../../../simulator/cloud/cloud.js';
import type { Principal } from '../../../simulator/cloud/sessions.js';
import { breachCorpus, defenseStats, installDefenses, parseDefenses, solveChallenge } from '../../../simulator/defenses/index.js';
import { attempt, setup } from './helpers.js';

/** A small stuffing run: 40 accounts, 2,000 attempts from 10 proxies, 5% right passwords (some breached). */
function stuffing(spec: string, actorOf: (k: number) => Principal, seed = 11) {
  const f = setup(parseDefenses(spec, { 'login-alerts.reactProbability': 0 }), { accounts: 40, seed });
  breachCorpus(f.cloud).addAll(Array.from({ length: 10 }, (_, i) => `pw-${i}`));
  const random = f.world.rng('test/stuffing');
  const outcomes: string[] = [];
  for (let k = 0; k < 2000; k++) {
    const i = random.int(0, 59); // a third of the combo list is not a customer here
    const right = random.chance(0.05);
    const from = { ip: `203.0.113.${random.int(0, 9)}`, fp: `fp-${random.int(0, 9)}`, actor: actorOf(k) };
    f.world.scheduler.advanceTo(k * 1000);
    let result = f.cloud.attemptLogin(attempt(`user${i}@example.test`, right ? `pw-${i}` : `guess-${k}`, from));
    if (result.outcome === 'challenge') {
      const solution = solveChallenge(f.cloud, 'bot');
      if (solution.passToken) result = f.cloud.attemptLogin(attempt(`user${i}@example.test`, right ? `pw-${i}` : `guess-${k}`, { ...from, challengePass: solution.passToken }));
    }
    outcomes.push(result.outcome);
  }
  return { f, outcomes };
}

describe('installDefenses', () => {
  it('plugs stages in the fixed order, whatever order they are named in', () => {
    const f = setup('login-alerts,2fa-mandatory,breached-password,lockout,consecutive-fails,rate-limit-account,rate-limit-ip,bot-detection');
    expect(f.cloud.login.stageNames()).toEqual([
      'bot-detection', 'rate-limit-ip', 'rate-limit-account', 'consecutive-fails', 'lockout', 'breached-password', '2fa-mandatory', 'login-alerts',
    ]);
    expect(f.installed.names).toEqual(f.cloud.login.stageNames());
  });

  it('installs once per cloud, on its own world only', () => {
    const f = setup('lockout');
    expect(() => installDefenses(f.cloud, f.world, 'rate-limit-ip')).toThrow(/already installed/);
    expect(f.cloud.login.stageNames()).toEqual(['lockout']);
    const world = new World({ seed: 1 });
    expect(() => installDefenses(new Cloud(world), new World({ seed: 1 }), 'lockout')).toThrow(/different world/);
  });

  it('reports every defence’s counters as a flat object of numbers', () => {
    const { f } = stuffing('all', () => 'attacker');
    const stats = defenseStats(f.cloud);
    expect(Object.keys(stats).length).toBeGreaterThan(30);
    for (const [key, value] of Object.entries(stats)) {
      expect(key).toMatch(/^[a-z0-9-]+\.[A-Za-z]+$/);
      expect(typeof value).toBe('number');
    }
    expect(stats['bot-detection.challenges']).toBeGreaterThan(0);
    expect(stats['rate-limit-ip.blocked']).toBeGreaterThan(0);
    expect(stats['breached-password.resetsForced']).toBeGreaterThan(0);
    expect(stats['2fa-mandatory.prompts']).toBeGreaterThan(0);
    expect(defenseStats(setup('none').cloud)).toEqual({});
  });

  it('is deterministic: same seed, same attempts → same log bytes and counters', () => {
    const a = stuffing('all', () => 'attacker');
    const b = stuffing('all', () => 'attacker');
    expect(a.f.world.log.digest()).toBe(b.f.world.log.digest());
    expect(defenseStats(a.f.cloud)).toEqual(defenseStats(b.f.cloud));
  });

  it('never reads the ground-truth actor: the same attempts get the same answers whoever sends them', () => {
    const attacker = stuffing('all', () => 'attacker');
    const mixed = stuffing('all', (k) => (k % 3 === 0 ? 'owner' : 'attacker'));
    expect(mixed.outcomes).toEqual(attacker.outcomes);
    expect(defenseStats(mixed.f.cloud)).toEqual(defenseStats(attacker.f.cloud));
  });

  it('emits at most one defence event per attempt (the pipeline logs one cloud.login each)', () => {
    const { f, outcomes } = stuffing('all', () => 'attacker');
    const counts = f.world.log.countsByType();
    const defenceEvents = Object.entries(counts).filter(([type]) => type.startsWith('defense.')).reduce((n, [, c]) => n + c, 0);
    expect(counts['cloud.login']).toBeGreaterThanOrEqual(outcomes.length);
    expect(defenceEvents).toBeLessThanOrEqual(outcomes.length);
  });
});
