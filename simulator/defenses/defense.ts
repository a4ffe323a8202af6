import type { z } from 'zod';
import type { World } from '../core/world.js';
import type { Cloud } from '../cloud/cloud.js';
import type { LoginPipeline, LoginStage } from '../cloud/login-pipeline.js';

/**
 * What every defence is: a named, parameterised switch that plugs one stage into the login
 * choke point, cites the control it models, and counts what it did.
 */

/** Everything a defence may touch when it is built. */
export interface DefenseEnv {
  readonly cloud: Cloud;
  readonly world: World;
  /** Usually cloud.login; a bench may pass a bare pipeline without the cloud's log observer. */
  readonly pipeline: LoginPipeline;
}

/** A defence built from its parameters and plugged in. */
export interface Defense {
  readonly name: string;
  readonly stage: LoginStage;
  /** Counters (blocks, challenges, alerts, lockouts …) as a plain object of numbers, stable key order. */
  stats(): Record<string, number>;
}

/** A defence before it is built: its name, source, parameter schema and defaults. */
export interface DefenseDefinition<S extends z.ZodRawShape = z.ZodRawShape> {
  readonly name: string;
  /** The control it models and where it is written down (NIST, OWASP, vendor docs). */
  readonly models: string;
  /** One zod schema per parameter; messages name the field (see parse.ts). */
  readonly schema: z.ZodObject<S>;
  /** Defaults, each with its source in a comment where it is defined. */
  readonly defaults: z.output<z.ZodObject<S>>;
  /** Checks across fields; returns a message naming the fields, or undefined. */
  check?(params: z.output<z.ZodObject<S>>): string | undefined;
  create(env: DefenseEnv, params: z.output<z.ZodObject<S>>): Defense;
}

/** Identity helper that keeps each definition's parameter type tied to its schema. */
export function defineDefense<S extends z.ZodRawShape>(definition: DefenseDefinition<S>): DefenseDefinition<S> {
  return definition;
}

/** A verdict object allocated once per reason, so refusing an attempt allocates nothing. */
export function denied<R extends string>(reason: R): { readonly outcome: 'denied'; readonly reason: R } {
  return Object.freeze({ outcome: 'denied', reason });
}
