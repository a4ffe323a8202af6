import type { z } from 'zod';
import type { EventType, EventTypes, LoggedEvent } from '../core/event-log.js';
import type { World } from '../core/world.js';
import type { Cloud } from '../cloud/cloud.js';
import type { LoginPipeline, LoginStage } from '../cloud/login-pipeline.js';
import type { BrokerPolicy } from '../broker/policy.js';
import type { DataPolicy } from '../cloud/data-gate.js';
import type { StaffAccessPolicy } from '../cloud/staff-access.js';

/**
 * What every defence is: a named, parameterised switch that plugs hooks into one choke point
 * of the world, cites the control it models, declares the events by which it detects an
 * attack, and counts what it did.
 */

/**
 * The choke points a defence plugs into. `login`: a stage of the cloud's login pipeline
 * (every password and second-factor attempt). `broker`: a policy the MQTT broker consults
 * on every publish, subscribe and delivery, over every transport (simulator/broker/policy.ts).
 * `staff`: a policy every request of the staff console passes (simulator/cloud/staff-access.ts).
 * `data`: a policy every write and read of stored data passes (simulator/cloud/data-gate.ts).
 */
export type DefenseLayer = 'login' | 'broker' | 'staff' | 'data';

/** Layers in the order `list defenses` and the docs show them. */
export const DEFENSE_LAYERS: readonly DefenseLayer[] = ['login', 'broker', 'staff', 'data'];

/** The broker as a defence sees it: the list of policies every MQTT action must pass. */
export interface BrokerChokePoint {
  readonly policies: BrokerPolicy[];
}

/** Everything a defence may touch when it is built. */
export interface DefenseEnv {
  readonly cloud: Cloud;
  readonly world: World;
  /** Usually cloud.login; a bench may pass a bare pipeline without the cloud's log observer. */
  readonly pipeline: LoginPipeline;
  /** The world's broker, when there is one (a cloud-only test world has none). */
  readonly broker?: BrokerChokePoint;
}

/** A defence built from its parameters and plugged in. */
export interface Defense {
  readonly name: string;
  /** Its hook at the login choke point (defences of the login layer). */
  readonly login?: LoginStage;
  /** Its hook at the broker choke point (defences of the broker layer). */
  readonly broker?: BrokerPolicy;
  /** Its hook at the staff-access choke point. */
  readonly staff?: StaffAccessPolicy;
  /** Its hook at the data choke point. */
  readonly data?: DataPolicy;
  /** Counters (blocks, challenges, alerts, lockouts …) as a plain object of numbers, stable key order. */
  stats(): Record<string, number>;
}

/** Event types whose fields name the account they concern. */
type AccountEventType = { [K in EventType]: EventTypes[K] extends { accountId: string | null } ? K : never }[EventType];

interface DetectionOf<K extends EventType> {
  readonly event: K;
  /** Its own report key beside the total `detections` (e.g. 'detections.lockouts'); without one it counts in the total only. */
  readonly metric?: `detections.${string}`;
  /** Only the events that pass count (breached-password: the ones raised at login, not at sign-up). */
  readonly when?: (event: LoggedEvent<K>) => boolean;
  /**
   * 'event' (the default): every such event is a detection — the defence acted on traffic it
   * judged hostile (a lockout, a rate-limit episode), whoever sent it.
   * 'hostile-login': the event is raised while a login on its `accountId` is judged, and is a
   * detection only if that login (the account's next `cloud.login`) was a hostile principal's;
   * about a legitimate user's own login it is none (an alert about the owner's new phone).
   */
  readonly of?: K extends AccountEventType ? 'event' | 'hostile-login' : 'event';
}

/**
 * One kind of event by which a defence flags the attack. The `detections` metric sums the
 * declared events of the installed defences (simulator/metrics/detection-counter.ts), so a
 * new defence declares its detections here and needs no metrics edit. Each declaration
 * object counts an event once: defences that emit the same event type (the two 2FA
 * switches) share one declaration object, or filter to their own events with `when` (the
 * two rate limits).
 */
export type Detection = { [K in EventType]: DetectionOf<K> }[EventType];

/** A defence before it is built: its name, source, parameter schema and defaults. */
export interface DefenseDefinition<S extends z.ZodRawShape = z.ZodRawShape> {
  readonly name: string;
  /** The choke point its hooks plug into; `create` must return the hook of that layer. */
  readonly layer: DefenseLayer;
  /**
   * Installed unless a profile turns it off (`off`), as the tenant ACL is: a protection the
   * world has unless a scenario sets out to measure its absence.
   */
  readonly onByDefault?: boolean;
  /** The control it models and where it is written down (NIST, OWASP, vendor docs). */
  readonly models: string;
  /** One zod schema per parameter; messages name the field (see parse.ts). */
  readonly schema: z.ZodObject<S>;
  /** Defaults, each with its source in a comment where it is defined. */
  readonly defaults: z.output<z.ZodObject<S>>;
  /** Which of its events are detections (see Detection); none when absent. */
  readonly detects?: readonly Detection[];
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
