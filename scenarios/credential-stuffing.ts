import { comboSchema } from './attackers/attack-params.js';
import { ComboList } from './attackers/combo-list.js';
import { defineAttackScenario } from './attackers/define-attack-scenario.js';
import { StuffingSource } from './attackers/sources.js';

/**
 * Credential stuffing (OWASP OAT-008), as against Ring in 2019: a combo list from another
 * site's breach — a share of the town's residents with their password there, among many
 * people who are not customers — replayed through a botnet of rotating proxies (1.18
 * attempts per IP by default). Every working login is a takeover: live view, the speaker,
 * sometimes a shared user or a changed e-mail. Compare defences with `smarthome-sim sweep`.
 */
export default defineAttackScenario({
  name: 'credential-stuffing',
  summary: 'A breach combo list replayed through rotating proxies; working logins are taken over',
  defaults: { homes: 1000, duration: '24h' },
  attacker: 'stuffing',
  params: { combo: comboSchema.prefault({}) },
  plan({ sim, params: p }) {
    const list = new ComboList(sim.world.rng('attackers/stuffing/combo-list'), sim.town.homes, p.combo);
    return { breach: list.passwords(), source: new StuffingSource(list, p.attack.variants) };
  },
});
