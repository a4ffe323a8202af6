/**
 * `smarthome-sim`: the public TypeScript API.
 *
 *   import { BUILT_IN_SCENARIOS, runScenario } from 'smarthome-sim';
 *   const { report } = await runScenario(BUILT_IN_SCENARIOS[0]!, { seed: 42, homes: 100, duration: '24h' });
 *
 * package.json "exports" gives plain Node the compiled dist/ file (the one the CLI runs) and
 * TypeScript this source (its "types"). Property-testing helpers live in `smarthome-sim/testing`.
 */

// Core: the world, its clock, its chance and its log.
export { World, type WorldOptions, type RunProgress } from './core/world.js';
export { Scheduler, type TimerHandle } from './core/scheduler.js';
export { SeededRandom } from './core/random.js';
export { EventLog, type EventTypes, type EventType, type LoggedEvent } from './core/event-log.js';
export { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, formatDurationMs, parseDurationMs } from './core/duration.js';

// The vendor cloud and the broker.
export { Cloud, type CloudOptions } from './cloud/cloud.js';
export { AccountStoreError, type Account } from './cloud/accounts.js';
export type { LoginAttempt, LoginOutcome, LoginResult, LoginStage, SecondFactorSubmission } from './cloud/login-pipeline.js';
export type { Principal, Session } from './cloud/sessions.js';
export { SimBroker, type SimBrokerOptions } from './broker/sim-broker.js';
export { ConnectRefusedError, type Link, type LinkCredentials, type TransportMode } from './broker/link.js';
export type { BrokerPolicy } from './broker/policy.js';
export type { DataPolicy, DataReader, DataRead } from './cloud/data-gate.js';
export type { StaffAccessPolicy, StaffAccessRequest, StaffAccessResult, StaffAction } from './cloud/staff-access.js';
export type { BrokerPrincipal } from './broker/principal.js';

// Defences.
export {
  DEFENSE_LAYERS,
  DEFENSE_NAMES,
  DefenseSpecError,
  defineDefense,
  registerDefense,
  PROFILES,
  PROFILE_NAMES,
  authenticatorCode,
  defenseStats,
  installDefenses,
  latestSecondFactorCode,
  parseDefenses,
  solveChallenge,
  type ConfiguredDefense,
  type Defense,
  type DefenseDefinition,
  type DefenseLayer,
  type DefenseName,
  type DefenseSpec,
  type InstalledDefenses,
} from './defenses/index.js';

// Running scenarios.
export { Simulation, type SimulationOptions } from './runner/simulation.js';
export { runScenario, validateRun, type RunOptions, type RunResult } from './runner/run-scenario.js';
export { defineScenario, type ScenarioContext, type ScenarioDefinition } from './runner/scenario.js';
export { runSweep, type SweepOptions, type SweepResult } from './runner/sweep.js';
export { InputError } from './runner/input-error.js';
export { reportToJson, REPORT_SCHEMA_VERSION, type RunReport } from './metrics/report.js';
export type { Metrics, MetricValue } from './metrics/recorder.js';
export type { WorldParams } from './runner/world-params.js';

// Device kinds: the catalogue every home's devices come from (docs/architecture.md, "Device kinds").
export { builtInDeviceKinds, deviceKinds, registerDeviceKind, type CatalogedDeviceKind } from '../devices/catalog.js';
export { listDeviceCatalog, type DeviceKindListing, type DeviceParameterListing } from '../devices/catalog-listing.js';
export {
  defineDeviceKind,
  type DeviceActor,
  type DeviceCapabilities,
  type DeviceCapability,
  type DeviceContext,
  type DeviceKindDefinition,
  type DevicePublishChannel,
  type LastWill,
} from '../devices/device-kind.js';
export type { DeviceKind, DeviceRecord } from './cloud/device-registry.js';
export { devicesOf, type Home } from './population/town.js';

// zod, as the simulator uses it: a scenario's `params` schema, importable from 'smarthome-sim'
// by a scenario file that lives outside any project with zod installed.
export { z } from 'zod';
export { BUILT_IN_SCENARIOS } from '../scenarios/index.js';
