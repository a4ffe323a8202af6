import { z } from 'zod';
import { COMMON_PASSWORDS } from '../simulator/population/data/common-passwords.js';
import { populationSchema } from '../simulator/population/population-params.js';
import { ownerEmail } from '../simulator/population/town.js';
import { defineScenario } from '../simulator/runner/scenario.js';
import { attackSchema, botnetSchema, bruteSchema, takeoverSchema, withDefaults } from './attackers/attack-params.js';
import { finishAttack, launchAttack, populationOptions, publishBreach, recordAttack } from './attackers/kit.js';
import { BruteForceSource } from './attackers/sources.js';

/**
 * Targeted brute force (OWASP OAT-007, credential cracking): a few accounts whose e-mails the
 * attacker knows, each guessed through one dictionary — the common top-100, then
 * human-chosen passwords (word + digits), most likely first — from a handful of hosts.
 * Per-account lockout and per-(account, IP) consecutive-failure blocks are what it meets.
 */
export default defineScenario({
  name: 'brute-force',
  summary: 'A dictionary attack on a few known accounts from a handful of hosts',
  params: z.strictObject({
    population: populationSchema.prefault({}),
    brute: bruteSchema.prefault({}),
    /** Assumption: a few rented hosts, not a proxy network (override botnet.ips / attemptsPerIp). */
    botnet: withDefaults(botnetSchema, { ips: 4 }).prefault({}),
    /** Assumption: 10 guesses a second across the targets (one per target per second by default), tooling such as Hydra goes far faster. */
    attack: withDefaults(attackSchema, { ratePerMinute: 600 }).prefault({}),
    takeover: takeoverSchema.prefault({}),
  }),
  defaults: { homes: 200, duration: '24h', defenses: 'none' },
  configure: (p, world) => populationOptions(p.population, world),
  setup(ctx) {
    const { sim, params: p } = ctx;
    recordAttack(ctx);
    const random = sim.world.rng('attackers/brute-force/targets');
    const homes = random.shuffle([...sim.town.homes]).slice(0, p.brute.targets);
    publishBreach(ctx, COMMON_PASSWORDS);
    launchAttack(ctx, {
      name: 'brute-force',
      source: new BruteForceSource(homes.map((h) => ownerEmail(h.index)), p.brute.dictionarySize),
      attack: p.attack,
      botnet: p.botnet,
      takeover: p.takeover,
    });
  },
  finish: (ctx) => finishAttack(ctx),
});
