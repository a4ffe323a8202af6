import { z } from 'zod';
import { parseDurationMs } from '../core/duration.js';
import type { RunProgress } from '../core/world.js';
import { defenseStats, installDefenses } from '../defenses/index.js';
import { REPORT_SCHEMA_VERSION, type RunReport } from '../metrics/report.js';
import { OwnerLogin } from '../population/owner-login.js';
import { defenseSpecOf, resolveDefenses, splitParams, splitSets } from './defense-options.js';
import { InputError } from './input-error.js';
import { mergeParams, parseSets, validateParams } from './params.js';
import type { ScenarioDefinition } from './scenario.js';
import { Simulation } from './simulation.js';
import { DEFAULT_WORLD_PARAMS, worldParamsSchema, type WorldParams } from './world-params.js';

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
  resolveDefenses(scenario, options);
  return { homes, durationMs };
}

/** Splits user parameters into the world's (doorbell.*, app.*), the defences' and the scenario's own, and validates them. */
export function resolveParams(scenario: ScenarioDefinition, options: RunOptions): { world: z.infer<typeof worldParamsSchema>; scenario: unknown; worldSet: Set<string> } {
  const given = mergeParams(parseSets(splitSets(options.set ?? []).other), splitParams(options.params).other);
  const worldPart: Record<string, unknown> = {};
  const scenarioPart: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) (WORLD_KEYS.has(key) ? worldPart : scenarioPart)[key] = value;
  const world = validateParams(worldParamsSchema, mergeParams(DEFAULT_WORLD_PARAMS, worldPart));
  const schema = scenario.params ?? z.object({}).strict();
  const scenarioParams = validateParams(schema, scenarioPart);
  return { world, scenario: scenarioParams, worldSet: new Set(dottedKeys(worldPart)) };
}

function dottedKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([k, v]) => dottedKeys(v, prefix ? `${prefix}.${k}` : k));
}

/** A scenario may replace world parameters (configure's `params`), but not ones the user set. */
function checkReplacedParams(userSet: Set<string>, before: WorldParams, after: WorldParams | undefined): void {
  if (!after) return;
  for (const key of userSet) {
    const [group, field] = key.split('.') as [keyof WorldParams, string];
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

/** Runs one scenario for one seed and returns its report. */
export async function runScenario(scenario: ScenarioDefinition, options: RunOptions): Promise<RunResult> {
  const { homes, durationMs } = checkRunOptions(scenario, options);
  const params = resolveParams(scenario, options);
  const defenses = resolveDefenses(scenario, options);
  const wallStart = process.hrtime.bigint(); // wall clock: report only, never simulation input
  const owners = new OwnerLogin();
  const configured = scenario.configure?.(params.scenario, params.world) ?? {};
  checkReplacedParams(params.worldSet, params.world, configured.params);
  const sim = await Simulation.create({
    seed: options.seed,
    homes,
    transport: options.transport,
    retainLog: options.retainLog,
    params: params.world,
    continueLogin: owners.continuation,
    ...configured,
  });
  // Before any owner logs in: defences guard the very first login of the run.
  const installed = installDefenses(sim.cloud, sim.world, defenses);
  // Apps exist once the town starts; owners log in only after that.
  owners.attach(sim.cloud, sim.town.homes, (home) => ({ ip: sim.apps[home.index]?.ip ?? '', fingerprint: sim.apps[home.index]?.fingerprint ?? '' }));
  const ctx = { sim, params: params.scenario, metrics: sim.recorder.metrics, durationMs, defenses: installed.names };
  await sim.start();
  await scenario.setup?.(ctx);
  await sim.run(durationMs, options.onProgress);
  const extra = scenario.finish?.(ctx);
  if (extra) for (const [name, value] of Object.entries(extra)) ctx.metrics.set(name, value);
  for (const [name, value] of Object.entries(defenseStats(sim.cloud))) ctx.metrics.set(`defense.${name}`, value);
  await sim.stop();
  const report: RunReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: 'smarthome-sim',
    scenario: scenario.name,
    seed: options.seed,
    homes,
    defenses: [...installed.names],
    defenseSpec: defenseSpecOf(scenario, options),
    durationMs,
    simulatedSeconds: durationMs / 1000,
    transport: sim.transport,
    params: { ...sim.params, ...(params.scenario as object), defenses: Object.fromEntries(defenses.map((d) => [d.name, d.params])) },
    metrics: ctx.metrics.toJSON(),
    eventLog: { sha256: sim.world.log.digest(), events: sim.world.log.size },
    wallMs: Number((process.hrtime.bigint() - wallStart) / 1_000_000n),
  };
  return { report, sim };
}
