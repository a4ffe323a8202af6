import { HOUR_MS } from '../simulator/core/duration.js';
import { comboSchema } from './attackers/attack-params.js';
import { ComboList } from './attackers/combo-list.js';
import { defineAttackScenario } from './attackers/define-attack-scenario.js';
import { StuffingSource } from './attackers/sources.js';

/**
 * Account takeover end to end, the Ring 2019 story with a determined attacker: credential
 * stuffing that also tries the three likeliest modifications of each listed password
 * (Das et al. 2014 rules; Wang et al. 2018: 30 % of modified passwords fall within 10
 * guesses), guesses second-factor codes, and makes the most of every account — talks
 * through the speaker on every visit, adds a shared user and changes the e-mail more often.
 * Exposure metrics (devices hijacked, video seconds, speaker messages, dwell) are the point.
 */
export default defineAttackScenario({
  name: 'account-takeover',
  summary: 'Stuffing with password variants, code guessing and aggressive use of every account',
  defaults: { homes: 500, duration: '24h' },
  attacker: 'takeover',
  params: { combo: comboSchema.prefault({}) },
  attackDefaults: { variants: 3 },
  /** Assumptions: a harasser's profile, not a data broker's — all talk, persistence sought. */
  takeoverDefaults: { talkChance: 1, sharedUserChance: 0.5, changeEmailChance: 0.2, revisitMeanMs: 4 * HOUR_MS },
  plan({ sim, params: p }) {
    const list = new ComboList(sim.world.rng('attackers/takeover/combo-list'), sim.town.homes, p.combo);
    return { breach: list.passwords(), source: new StuffingSource(list, p.attack.variants) };
  },
});
