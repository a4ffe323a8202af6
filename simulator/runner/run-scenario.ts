import { z } from 'zod';
import { parseDurationMs } from '../core/duration.js';
import type { RunProgress } from '../core/world.js';
import { REPORT_SCHEMA_VERSION, type RunReport } from '../metrics/report.js';
import { InputError } from './input-error.js';
import { mergeParams, parseSets, validateParams } from './params.js';
import type { ScenarioDefinition } from './scenario.js';
import { Simulation } from './simulation.js';
import { DEFAULT_WORLD_PARAMS, worldParamsSchema } from './world-params.js';

export interface RunOptions {
  seed: number;
  homes?: number;
  /** `24h`, `90m`, or milliseconds. */
  duration?: string | number;
  transport?: 'mqtt' | 'direct' | 'auto';
  /** `key=value` pairs by dotted name (`doorbell.motionPerDay=20`, `attack.ratePerMinute=600`). */
  set?: readonly string[];
  /** The same as `set`, as an object (TypeScript API). */
  params?: Record<string, unknown>;
  retainLog?: boolean;
  onProgress?: (progress: RunProgress) => void;
}

export interface RunResult {
  report: RunReport;
  /** The finished (stopped) simulation, for inspecting its log and cloud in tests. */
  sim: Simulation;
}

const WORLD_KEYS = new Set(Object.keys(DEFAULT_WORLD_PARAMS));
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
  return { homes, durationMs };
}

/** Splits user parameters into the world's (doorbell.*, app.*) and the scenario's own, and validates both. */
export function resolveParams(scenario: ScenarioDefinition, options: RunOptions): { world: z.infer<typeof worldParamsSchema>; scenario: unknown } {
  const given = mergeParams(parseSets(options.set ?? []), options.params ?? {});
  const worldPart: Record<string, unknown> = {};
  const scenarioPart: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) (WORLD_KEYS.has(key) ? worldPart : scenarioPart)[key] = value;
  const world = validateParams(worldParamsSchema, mergeParams(DEFAULT_WORLD_PARAMS, worldPart));
  const schema = scenario.params ?? z.object({}).strict();
  const scenarioParams = validateParams(schema, scenarioPart);
  return { world, scenario: scenarioParams };
}

/** Runs one scenario for one seed and returns its report. */
export async function runScenario(scenario: ScenarioDefinition, options: RunOptions): Promise<RunResult> {
  const { homes, durationMs } = checkRunOptions(scenario, options);
  const params = resolveParams(scenario, options);
  const wallStart = process.hrtime.bigint(); // wall clock: report only, never simulation input
  const sim = await Simulation.create({
    seed: options.seed,
    homes,
    transport: options.transport,
    retainLog: options.retainLog,
    params: params.world,
    ...scenario.configure?.(params.scenario),
  });
  const ctx = { sim, params: params.scenario, metrics: sim.recorder.metrics };
  await sim.start();
  await scenario.setup?.(ctx);
  await sim.run(durationMs, options.onProgress);
  const extra = scenario.finish?.(ctx);
  if (extra) for (const [name, value] of Object.entries(extra)) ctx.metrics.set(name, value);
  await sim.stop();
  const report: RunReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: 'smarthome-sim',
    scenario: scenario.name,
    seed: options.seed,
    homes,
    defenses: [],
    durationMs,
    simulatedSeconds: durationMs / 1000,
    transport: sim.transport,
    params: { ...params.world, ...(params.scenario as object) },
    metrics: ctx.metrics.toJSON(),
    eventLog: { sha256: sim.world.log.digest(), events: sim.world.log.size },
    wallMs: Number((process.hrtime.bigint() - wallStart) / 1_000_000n),
  };
  return { report, sim };
}
