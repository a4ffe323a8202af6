import fc from 'fast-check';

/**
 * The one place that configures fast-check for the property suite (docs/property-testing.md).
 *
 *   CI=true                   fixed seed CI_SEED: every CI run generates the same cases
 *   FC_SEED=<int>             seed of every property (replay, together with FC_PATH)
 *   FC_PATH=<a:b:c>           replay exactly one counterexample (needs FC_SEED; narrow with -t);
 *                             applied by assertProperty/assertAsyncProperty and replayParameters()
 *   FC_RUNS=<n>               numRuns of every property (deep runs); SMARTHOME_PROPS_RUNS is an alias
 *
 * Failures always print seed, path and the shrunk counterexample (verbose mode also lists the
 * failing values met while shrinking). `runs(base)` and `propTimeout(ms)` let each property
 * keep a small default while a deep run raises both.
 */
export const CI_SEED = 424_242;

/** Longest one async property case may take (a whole broker scenario takes milliseconds). */
export const ASYNC_CASE_TIMEOUT_MS = 10_000;

export interface PropsEnv {
  CI?: string;
  FC_SEED?: string;
  FC_PATH?: string;
  FC_RUNS?: string;
  SMARTHOME_PROPS_RUNS?: string;
}

export interface PropsSettings {
  /** Seed for every property; undefined lets fast-check pick (and print) one per property. */
  seed?: number;
  /** Replay path (only with a seed). */
  path?: string;
  /** numRuns for every property; undefined keeps each property's own default. */
  runs?: number;
  ci: boolean;
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function parseIntVar(name: string, value: string, min: number): number {
  const n = Number(value.trim());
  if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`${name}: expected an integer >= ${min}, got "${value}"`);
  return n;
}

/** Reads the environment; throws a RangeError naming the bad variable. */
export function readPropsSettings(env: PropsEnv = process.env as PropsEnv): PropsSettings {
  const ci = isSet(env.CI) && !['0', 'false'].includes(env.CI.trim().toLowerCase());
  // fast-check seeds are 32-bit signed integers (it prints negative ones too).
  const seed = isSet(env.FC_SEED) ? parseIntVar('FC_SEED', env.FC_SEED, -(2 ** 31)) : ci ? CI_SEED : undefined;
  if (seed !== undefined && seed > 2 ** 31 - 1) throw new RangeError(`FC_SEED: expected a 32-bit integer, got "${env.FC_SEED}"`);
  let path: string | undefined;
  if (isSet(env.FC_PATH)) {
    path = env.FC_PATH.trim();
    if (!/^\d+(:\d+)*$/.test(path)) throw new RangeError(`FC_PATH: expected numbers separated by ':', got "${env.FC_PATH}"`);
    if (!isSet(env.FC_SEED)) throw new RangeError('FC_PATH: a path replays only together with the FC_SEED it was printed with');
  }
  const runsText = isSet(env.FC_RUNS) ? env.FC_RUNS : isSet(env.SMARTHOME_PROPS_RUNS) ? env.SMARTHOME_PROPS_RUNS : undefined;
  const runsName = isSet(env.FC_RUNS) ? 'FC_RUNS' : 'SMARTHOME_PROPS_RUNS';
  const runs = runsText !== undefined ? parseIntVar(runsName, runsText, 1) : undefined;
  return { seed, path, runs, ci };
}

/**
 * What `fc.configureGlobal` gets (setup.ts). fast-check keeps `path` out of the global
 * parameters (one path fits one property): `replayParameters()` adds it per property.
 */
export function globalParameters(settings: PropsSettings): fc.GlobalParameters {
  // An async case that hangs fails after ASYNC_CASE_TIMEOUT_MS with its seed and path,
  // instead of ending in a vitest timeout that prints neither.
  const params: fc.GlobalParameters = { verbose: fc.VerbosityLevel.Verbose, timeout: ASYNC_CASE_TIMEOUT_MS };
  if (settings.seed !== undefined) params.seed = settings.seed;
  if (settings.runs !== undefined) params.numRuns = settings.runs;
  return params;
}

/** `{ seed, path }` from FC_SEED / FC_PATH, to spread into one property's parameters. */
export function replayParameters(current: PropsSettings = settings): { seed?: number; path?: string } {
  return current.path !== undefined ? { seed: current.seed, path: current.path } : {};
}

export const settings: PropsSettings = readPropsSettings();

/** numRuns for a property whose everyday default is `base` (FC_RUNS overrides it). */
export function runs(base: number): number {
  return settings.runs ?? base;
}

/** Test timeout: `baseMs` normally; a deep run (FC_RUNS) gets a day. */
export function propTimeout(baseMs = 60_000): number {
  return settings.runs !== undefined ? Math.max(baseMs, 24 * 60 * 60 * 1000) : baseMs;
}
