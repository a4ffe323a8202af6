import { z } from 'zod';
import { populationSchema, type PopulationParams } from '../../simulator/population/population-params.js';
import { defineScenario, type ScenarioContext, type ScenarioDefinition } from '../../simulator/runner/scenario.js';
import { attackSchema, botnetSchema, takeoverSchema, withDefaults, type AttackParams, type BotnetParams, type TakeoverParams } from './attack-params.js';
import type { CredentialSource } from './campaign.js';
import { finishAttack, launchAttack, populationOptions, publishBreach, recordAttack } from './kit.js';

/** The parsed parameters of an attack scenario: the groups every login attack has, and its own `Own`. */
export type AttackScenarioParams<Own extends z.ZodRawShape> = {
  population: PopulationParams;
  botnet: BotnetParams;
  attack: AttackParams;
  takeover: TakeoverParams;
} & { [K in keyof Own]: z.output<Own[K]> };

/** What a login attack brings to the shared skeleton (see defineAttackScenario). */
export interface AttackScenarioSpec<Own extends z.ZodRawShape> {
  name: string;
  summary: string;
  defaults: { homes: number; duration: string; defenses?: string };
  /** Names the attacker's random streams (`attackers/{attacker}/…`). */
  attacker: string;
  /** The scenario's own parameter groups (combo, spray, brute…), each with `.prefault({})`. */
  params?: Own;
  /** Scenario-specific defaults of the shared groups; say in a comment where each comes from. */
  botnetDefaults?: Partial<BotnetParams>;
  attackDefaults?: Partial<AttackParams>;
  takeoverDefaults?: Partial<TakeoverParams>;
  /**
   * Draws the attack's targets: the passwords made public by the breach (a breached-password
   * check knows them) and the credentials the attacker will try, in order. Runs after the
   * metrics are attached and before the attacker is on the clock.
   */
  plan(ctx: ScenarioContext<AttackScenarioParams<Own>>): { breach: Iterable<string>; source: CredentialSource };
}

function group<S extends z.ZodObject>(schema: S, defaults: Partial<z.output<S>> | undefined): z.ZodType {
  return (defaults ? withDefaults(schema, defaults) : schema).prefault({} as never);
}

/**
 * The skeleton every login attack scenario shares: population habits, the botnet, the login
 * loop, the code guesser and the takeover, scored by the attack metrics. A scenario says only
 * what is its own: its parameter groups and how it draws its targets.
 */
export function defineAttackScenario<Own extends z.ZodRawShape = Record<never, never>>(spec: AttackScenarioSpec<Own>): ScenarioDefinition {
  // Key order is the order `--set` help and the docs list the groups in.
  const shape = {
    population: populationSchema.prefault({}),
    ...(spec.params ?? ({} as Own)),
    botnet: group(botnetSchema, spec.botnetDefaults),
    attack: group(attackSchema, spec.attackDefaults),
    takeover: group(takeoverSchema, spec.takeoverDefaults),
  };
  const schema = z.strictObject(shape) as unknown as z.ZodType<AttackScenarioParams<Own>>;
  return defineScenario({
    name: spec.name,
    summary: spec.summary,
    params: schema,
    defaults: { defenses: 'none', ...spec.defaults },
    configure: (p, world) => populationOptions(p.population, world),
    setup(ctx) {
      recordAttack(ctx);
      const { breach, source } = spec.plan(ctx);
      publishBreach(ctx, breach);
      const p = ctx.params;
      launchAttack(ctx, { name: spec.attacker, source, attack: p.attack, botnet: p.botnet, takeover: p.takeover });
    },
    finish: (ctx) => finishAttack(ctx),
  }) as unknown as ScenarioDefinition;
}
