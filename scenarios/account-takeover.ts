import { z } from 'zod';
import { HOUR_MS } from '../simulator/core/duration.js';
import { populationSchema } from '../simulator/population/population-params.js';
import { defineScenario } from '../simulator/runner/scenario.js';
import { attackSchema, botnetSchema, comboSchema, takeoverSchema, withDefaults } from './attackers/attack-params.js';
import { ComboList } from './attackers/combo-list.js';
import { finishAttack, launchAttack, populationOptions, publishBreach, recordAttack } from './attackers/kit.js';
import { StuffingSource } from './attackers/sources.js';

/**
 * Account takeover end to end, the Ring 2019 story with a determined attacker: credential
 * stuffing that also tries the three likeliest modifications of each listed password
 * (Das et al. 2014 rules; Wang et al. 2018: 30 % of modified passwords fall within 10
 * guesses), guesses second-factor codes, and makes the most of every account — talks
 * through the speaker on every visit, adds a shared user and changes the e-mail more often.
 * Exposure metrics (devices hijacked, video seconds, speaker messages, dwell) are the point.
 */
export default defineScenario({
  name: 'account-takeover',
  summary: 'Stuffing with password variants, code guessing and aggressive use of every account',
  params: z.strictObject({
    population: populationSchema.prefault({}),
    combo: comboSchema.prefault({}),
    botnet: botnetSchema.prefault({}),
    attack: withDefaults(attackSchema, { variants: 3 }).prefault({}),
    /** Assumptions: a harasser's profile, not a data broker's — all talk, persistence sought. */
    takeover: withDefaults(takeoverSchema, { talkChance: 1, sharedUserChance: 0.5, changeEmailChance: 0.2, revisitMeanMs: 4 * HOUR_MS }).prefault({}),
  }),
  defaults: { homes: 500, duration: '24h', defenses: 'none' },
  configure: (p, world) => populationOptions(p.population, world),
  setup(ctx) {
    const { sim, params: p } = ctx;
    recordAttack(ctx);
    const list = new ComboList(sim.world.rng('attackers/takeover/combo-list'), sim.town.homes, p.combo);
    publishBreach(ctx, list.passwords());
    launchAttack(ctx, { name: 'takeover', source: new StuffingSource(list, p.attack.variants), attack: p.attack, botnet: p.botnet, takeover: p.takeover });
  },
  finish: (ctx) => finishAttack(ctx),
});
