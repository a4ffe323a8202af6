import { COMMON_PASSWORDS } from '../simulator/population/data/common-passwords.js';
import { ownerEmail } from '../simulator/population/town.js';
import { comboSchema, spraySchema } from './attackers/attack-params.js';
import { defineAttackScenario } from './attackers/define-attack-scenario.js';
import { SpraySource } from './attackers/sources.js';

/**
 * Password spraying: the most common passwords, one at a time, across many accounts — few
 * guesses per account, so per-account lockout rarely sees it unless the rounds come fast,
 * and then it locks real owners out. Targets are the e-mail addresses of the same breach
 * the stuffing scenario uses (residents in it, `combo.residentShare`) plus
 * `spray.decoysPerHome` addresses per home that are not customers.
 */
export default defineAttackScenario({
  name: 'password-spraying',
  summary: 'The top-N common passwords tried across every address of a breach list',
  defaults: { homes: 1000, duration: '24h' },
  attacker: 'spraying',
  params: { combo: comboSchema.prefault({}), spray: spraySchema.prefault({}) },
  plan({ sim, params: p }) {
    const random = sim.world.rng('attackers/spraying/targets');
    // The breach's addresses: residents in it (their passwords there play no part in spraying) …
    const targets = sim.town.homes.filter(() => random.chance(p.combo.residentShare)).map((home) => ownerEmail(home.index));
    // … and people who are not customers.
    const decoys = Math.round(sim.town.homes.length * p.spray.decoysPerHome);
    for (let n = 0; n < decoys; n++) targets.push(`sprayed${n}@webmail.example`);
    random.shuffle(targets);
    return { breach: COMMON_PASSWORDS, source: new SpraySource(targets, p.spray.passwords, p.spray.roundPauseMs) };
  },
});
