import { z } from 'zod';
import { populationSchema } from '../simulator/population/population-params.js';
import { defineScenario } from '../simulator/runner/scenario.js';
import { attackSchema, botnetSchema, comboSchema, takeoverSchema } from './attackers/attack-params.js';
import { ComboList } from './attackers/combo-list.js';
import { finishAttack, launchAttack, populationOptions, publishBreach, recordAttack } from './attackers/kit.js';
import { StuffingSource } from './attackers/sources.js';

/**
 * Credential stuffing (OWASP OAT-008), as against Ring in 2019: a combo list from another
 * site's breach — a share of the town's residents with their password there, among many
 * people who are not customers — replayed through a botnet of rotating proxies (1.18
 * attempts per IP by default). Every working login is a takeover: live view, the speaker,
 * sometimes a shared user or a changed e-mail. Compare defences with `smarthome-sim sweep`.
 */
export default defineScenario({
  name: 'credential-stuffing',
  summary: 'A breach combo list replayed through rotating proxies; working logins are taken over',
  params: z.strictObject({
    population: populationSchema.prefault({}),
    combo: comboSchema.prefault({}),
    botnet: botnetSchema.prefault({}),
    attack: attackSchema.prefault({}),
    takeover: takeoverSchema.prefault({}),
  }),
  defaults: { homes: 1000, duration: '24h', defenses: 'none' },
  configure: (p, world) => populationOptions(p.population, world),
  setup(ctx) {
    const { sim, params: p } = ctx;
    recordAttack(ctx);
    const list = new ComboList(sim.world.rng('attackers/stuffing/combo-list'), sim.town.homes, p.combo);
    publishBreach(ctx, list.passwords());
    launchAttack(ctx, { name: 'stuffing', source: new StuffingSource(list, p.attack.variants), attack: p.attack, botnet: p.botnet, takeover: p.takeover });
  },
  finish: (ctx) => finishAttack(ctx),
});
