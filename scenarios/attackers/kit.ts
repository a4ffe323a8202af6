import type { MetricValue } from '../../simulator/metrics/recorder.js';
import { AttackMetrics } from '../../simulator/metrics/attack-metrics.js';
import { breachCorpus } from '../../simulator/defenses/index.js';
import type { PopulationParams } from '../../simulator/population/population-params.js';
import { residentsWith } from '../../simulator/population/residents.js';
import type { ScenarioContext } from '../../simulator/runner/scenario.js';
import type { Simulation, SimulationOptions } from '../../simulator/runner/simulation.js';
import type { WorldParams } from '../../simulator/runner/world-params.js';
import type { AttackParams, BotnetParams, TakeoverParams } from './attack-params.js';
import { attackerContext } from './attacker-context.js';
import { Botnet } from './botnet.js';
import { Campaign, type CredentialSource } from './campaign.js';
import { CodeGuesser } from './code-guesser.js';
import { Takeover } from './takeover.js';

/**
 * Building blocks the attack scenarios share; copy a scenario file and combine them to
 * write your own (docs/scenarios.md, "Writing a scenario").
 */

/** Residents with the population's habits; their typo rate and login frequency drive the owners' apps. */
export function populationOptions(population: PopulationParams, world: WorldParams): Partial<SimulationOptions> {
  return {
    resident: residentsWith(population),
    params: { ...world, app: { ...world.app, typoRate: population.typoRate, passwordLoginsPerDay: population.passwordLoginsPerDay } },
  };
}

const attackMetrics = new WeakMap<Simulation, AttackMetrics>();

/** Starts scoring the run: attack and owner-impact metrics (simulator/metrics/attack-metrics.ts). */
export function recordAttack(ctx: ScenarioContext<unknown>): AttackMetrics {
  let metrics = attackMetrics.get(ctx.sim);
  if (!metrics) attackMetrics.set(ctx.sim, (metrics = new AttackMetrics(ctx.sim.world, ctx.sim.cloud, ctx.sim.recorder)));
  return metrics;
}

/** The run's attack metrics, for a scenario's `finish` hook. */
export function finishAttack(ctx: ScenarioContext<unknown>): Record<string, MetricValue> {
  return attackMetrics.get(ctx.sim)?.finish() ?? {};
}

/** Passwords from public breaches, which a breached-password check (Pwned Passwords) knows. */
export function publishBreach(ctx: ScenarioContext<unknown>, passwords: Iterable<string>): void {
  breachCorpus(ctx.sim.cloud).addAll(passwords);
}

export interface LaunchOptions {
  /** Names the attacker's random streams (`attackers/{name}/…`): adding another attacker never shifts this one. */
  name: string;
  source: CredentialSource;
  attack: AttackParams;
  botnet: BotnetParams;
  takeover: TakeoverParams;
}

/** Puts a login attacker on the clock: botnet, login loop, code guesser and takeover, each with its own random stream. */
export function launchAttack(ctx: ScenarioContext<unknown>, o: LaunchOptions): Campaign {
  const { sim, rng, window } = attackerContext(ctx, o.name, o.attack);
  const botnet = new Botnet(rng('proxies'), o.botnet, o.source.planned);
  const takeover = new Takeover(sim, o.name, rng('takeover'), o.takeover);
  const guesser = new CodeGuesser(sim, rng('codes'), o.attack, takeover);
  const campaign = new Campaign(sim, o.name, o.source, o.attack, botnet, takeover, guesser, window);
  guesser.useRelogin((email, password, delayMs) => campaign.reloginLater(email, password, delayMs));
  return campaign;
}
