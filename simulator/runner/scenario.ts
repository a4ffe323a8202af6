import type { z } from 'zod';
import type { Metrics, MetricValue } from '../metrics/recorder.js';
import type { Simulation, SimulationOptions } from './simulation.js';

/** What a scenario's hooks receive. */
export interface ScenarioContext<P> {
  readonly sim: Simulation;
  readonly params: P;
  /** The run's metrics; scenarios add their own figures here. */
  readonly metrics: Metrics;
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
  /** Options for the Simulation (residents' password habits, login continuation...). */
  configure?(params: z.infer<S>): Partial<SimulationOptions>;
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
