import type { z } from 'zod';
import type { Metrics, MetricValue } from '../metrics/recorder.js';
import type { Simulation, SimulationOptions } from './simulation.js';
import type { WorldParams } from './world-params.js';

/** What a scenario's hooks receive. */
export interface ScenarioContext<P> {
  readonly sim: Simulation;
  readonly params: P;
  /** The run's metrics; scenarios add their own figures here. */
  readonly metrics: Metrics;
  /** Simulated time the run lasts from setup on (attack windows end with it). */
  readonly durationMs: number;
  /** Defences installed on the cloud, in install order (empty for `none`). */
  readonly defenses: readonly string[];
}

/**
 * A scenario: a population, actors and defences over a duration, with parameters that users
 * set by dotted name (`--set attack.ratePerMinute=600`). Write one with `defineScenario`
 * (see scenarios/baseline.ts) and run it with `smarthome-sim run ./file.ts`.
 */
export interface ScenarioDefinition<S extends z.ZodType = z.ZodType> {
  /** Kebab-case name used on the command line. */
  readonly name: string;
  /** One line for `smarthome-sim list`. */
  readonly summary: string;
  /** The scenario's own parameters as a zod schema with defaults; `{}` must parse. */
  readonly params?: S;
  /** Defaults for the common flags when the user gives none. */
  readonly defaults?: { homes?: number; duration?: string; defenses?: string };
  /**
   * Options for the Simulation (residents' password habits, login continuation...). `world`
   * is the validated world parameters; returning `params` replaces them (a population model
   * setting the owners' typo rate). A world parameter the user set explicitly may not be
   * replaced: the run stops with an InputError naming it.
   */
  configure?(params: z.infer<S>, world: WorldParams): Partial<SimulationOptions>;
  /** After the town is connected, before the clock runs: add attackers, staff, observers. */
  setup?(ctx: ScenarioContext<z.infer<S>>): void | Promise<void>;
  /** After the run: final figures derived from the world's state. */
  finish?(ctx: ScenarioContext<z.infer<S>>): Record<string, MetricValue> | void;
}

/** Identity function that gives a scenario file its types. */
export function defineScenario<S extends z.ZodType>(definition: ScenarioDefinition<S>): ScenarioDefinition<S> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) throw new Error(`scenario name must be kebab-case, got "${definition.name}"`);
  return definition;
}
