/**
 * `smarthome-sim/attackers`: the building blocks of the built-in attack scenarios, for
 * writing your own (docs/scenarios.md, "Your own scenario").
 *
 *   import { defineAttackScenario, ComboList, StuffingSource, comboSchema } from 'smarthome-sim/attackers';
 */
export { defineAttackScenario, type AttackScenarioParams, type AttackScenarioSpec } from './define-attack-scenario.js';
export { attackerContext, type AttackerContext, type AttackTiming, type AttackWindow } from './attacker-context.js';
export { finishAttack, launchAttack, populationOptions, publishBreach, recordAttack, type LaunchOptions } from './kit.js';
export {
  attackSchema,
  botnetSchema,
  bruteSchema,
  comboSchema,
  spraySchema,
  takeoverSchema,
  withDefaults,
  type AttackParams,
  type BotnetParams,
  type BruteParams,
  type ComboParams,
  type SprayParams,
  type TakeoverParams,
} from './attack-params.js';
export { ComboList } from './combo-list.js';
export { BruteForceSource, SpraySource, StuffingSource } from './sources.js';
export type { CredentialSource } from './campaign.js';
