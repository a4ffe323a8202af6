import { z } from 'zod';
import { parseDurationMs } from '../core/duration.js';
import type { RunProgress } from '../core/world.js';
import type { LogSink } from '../core/event-log.js';
import type { RunReport } from '../metrics/report.js';
import { assembleRun } from './assemble.js';
import { checkExternalRun } from '../broker/external/external-run.js';
import type { ExternalBrokerTarget } from '../broker/external/broker-target.js';
import { resolveDefenses, splitParams, splitSets } from './defense-options.js';
import { InputError } from './input-error.js';
import { mergeParams, parseSets, validateParams } from './params.js';
import type { ScenarioDefinition } from './scenario.js';
import type { Simulation } from './simulation.js';
import { defaultWorldParamsOf, worldParamGroups, worldParamsSchemaOf, type WorldParams } from './world-params.js';

export interface RunOptions {
  seed: number;
  homes?: number;
  /** `24h`, `90m`, or milliseconds. */
  duration?: string | number;
  transport?: 'mqtt' | 'direct' | 'auto';
  /**
   * Defences by switch or profile name, comma-separated (`nist,bot-detection`, `ring-2020`);
   * default: the scenario's, else `none`. Their parameters come in `set`/`params` by dotted
   * name (`lockout.threshold=5`).
   */
  defenses?: string;
  /** `key=value` pairs by dotted name (`doorbell.motionPerDay=20`, `attack.ratePerMinute=600`, `lockout.threshold=5`). */
  set?: readonly string[];
  /** The same as `set`, as an object (TypeScript API). */
  params?: Record<string, unknown>;
  retainLog?: boolean;
  /** Receives the event log's JSON lines as they are hashed, in order (`run --log FILE`). */
  logSink?: LogSink;
  /** `--broker`: the run's links go to this external MQTT 3.1.1 broker (broker-target.ts). */
  broker?: ExternalBrokerTarget;
  onProgress?: (progress: RunProgress) => void;
}

export interface RunResult {
  report: RunReport;
  /** The finished (stopped) simulation, for inspecting its log and cloud in tests. */
  sim: Simulation;
}

export const MAX_HOMES = 200_000;

/** Reads and checks the run's numbers; every message names the flag and the value. */
export function checkRunOptions(scenario: ScenarioDefinition, options: RunOptions): { homes: number; durationMs: number } {
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) throw new InputError(`--seed: expected a whole number >= 0, got ${JSON.stringify(options.seed)}`);
  const homes = options.homes ?? scenario.defaults?.homes ?? 100;
  if (!Number.isInteger(homes) || homes < 1 || homes > MAX_HOMES) throw new InputError(`--homes: expected a whole number from 1 to ${MAX_HOMES}, got ${JSON.stringify(homes)}`);
  const duration = options.duration ?? scenario.defaults?.duration ?? '24h';
  let durationMs: number;
  try {
    durationMs = typeof duration === 'number' ? duration : parseDurationMs(duration, '--duration');
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  if (!Number.isFinite(durationMs) || durationMs <= 0) throw new InputError(`--duration: expected a positive duration, got ${JSON.stringify(duration)}`);
  const defenses = resolveDefenses(scenario, options);
  if (options.broker) checkExternalRun(scenario.name, options.transport, defenses);
  return { homes, durationMs };
}

/**
 * Splits user parameters into the world's (one group per catalogued device kind, `doorbell.*`,
 * and `app.*`), the defences' and the scenario's own, and validates them.
 */
export function resolveParams(scenario: ScenarioDefinition, options: RunOptions): { world: WorldParams; scenario: unknown; worldSet: Set<string> } {
  const given = mergeParams(parseSets(splitSets(options.set ?? []).other), splitParams(options.params).other);
  // Read per run, not once at load: a kind registered after this module loaded has its group too.
  const worldGroups = worldParamGroups();
  const worldPart: Record<string, unknown> = {};
  const scenarioPart: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) (worldGroups.has(key) ? worldPart : scenarioPart)[key] = value;
  const world = validateParams(worldParamsSchemaOf(), mergeParams(defaultWorldParamsOf(), worldPart));
  const schema = scenario.params ?? z.object({}).strict();
  const scenarioParams = validateParams(schema, scenarioPart);
  return { world, scenario: scenarioParams, worldSet: new Set(dottedKeys(worldPart)) };
}

function dottedKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([k, v]) => dottedKeys(v, prefix ? `${prefix}.${k}` : k));
}

/** A scenario may replace world parameters (configure's `params`), but not ones the user set. */
export function checkReplacedParams(userSet: Set<string>, before: WorldParams, after: WorldParams | undefined): void {
  if (!after) return;
  for (const key of userSet) {
    const [group, field] = key.split('.') as [string, string];
    const was = (before[group] as Record<string, unknown> | undefined)?.[field];
    const now = (after[group] as Record<string, unknown> | undefined)?.[field];
    if (was !== now) throw new InputError(`--set ${key}: this scenario sets ${key} from its own parameters (see its docs); set that parameter instead`);
  }
}

/** Everything a run checks before its first simulated second (CLI: exit 2, nothing written). */
export function validateRun(scenario: ScenarioDefinition, options: RunOptions): void {
  checkRunOptions(scenario, options);
  const params = resolveParams(scenario, options);
  checkReplacedParams(params.worldSet, params.world, scenario.configure?.(params.scenario, params.world).params);
}

/** Runs one scenario for one seed and returns its report (assembled by assemble.ts). */
export async function runScenario(scenario: ScenarioDefinition, options: RunOptions): Promise<RunResult> {
  const run = await assembleRun(scenario, options);
  await run.start();
  await run.sim.run(run.durationMs, options.onProgress);
  const report = await run.finish();
  return { report, sim: run.sim };
}
