import { COMMON_PASSWORDS } from '../simulator/population/data/common-passwords.js';
import { ownerEmail } from '../simulator/population/town.js';
import { bruteSchema } from './attackers/attack-params.js';
import { defineAttackScenario } from './attackers/define-attack-scenario.js';
import { BruteForceSource } from './attackers/sources.js';

/**
 * Targeted brute force (OWASP OAT-007, credential cracking): a few accounts whose e-mails the
 * attacker knows, each guessed through one dictionary — the common top-100, then
 * human-chosen passwords (word + digits), most likely first — from a handful of hosts.
 * Per-account lockout and per-(account, IP) consecutive-failure blocks are what it meets.
 */
export default defineAttackScenario({
  name: 'brute-force',
  summary: 'A dictionary attack on a few known accounts from a handful of hosts',
  defaults: { homes: 200, duration: '24h' },
  attacker: 'brute-force',
  params: { brute: bruteSchema.prefault({}) },
  /** Assumption: a few rented hosts, not a proxy network (override botnet.ips / attemptsPerIp). */
  botnetDefaults: { ips: 4 },
  /** Assumption: 10 guesses a second across the targets (one per target per second by default), tooling such as Hydra goes far faster. */
  attackDefaults: { ratePerMinute: 600 },
  plan({ sim, params: p }) {
    const random = sim.world.rng('attackers/brute-force/targets');
    const homes = random.shuffle([...sim.town.homes]).slice(0, p.brute.targets);
    return { breach: COMMON_PASSWORDS, source: new BruteForceSource(homes.map((h) => ownerEmail(h.index)), p.brute.dictionarySize) };
  },
});
