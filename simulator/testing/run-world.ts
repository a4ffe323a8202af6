import { builtInScenario } from '../../scenarios/index.js';
import type { EventType, LoggedEvent } from '../core/event-log.js';
import type { MetricValue } from '../metrics/recorder.js';
import type { RunReport } from '../metrics/report.js';
import { runScenario } from '../runner/run-scenario.js';
import type { ScenarioDefinition } from '../runner/scenario.js';

/** What `runWorld` takes: a scenario by name (or a definition of your own) and the usual run flags. */
export interface RunWorldOptions {
  scenario: string | ScenarioDefinition;
  seed: number;
  homes?: number;
  /** `45m`, `2h`, or milliseconds (default: the scenario's). */
  duration?: string | number;
  /** `--defenses` value: switch and profile names, comma-separated (default: the scenario's, else `none`). */
  defenses?: string;
  /** `--set` pairs: defence, world and scenario parameters by dotted name. */
  set?: readonly string[];
  /** The same as `set`, as an object (`{ attack: { ratePerMinute: 60 } }`). */
  params?: Record<string, unknown>;
  /**
   * 'direct' (default here): the fast path, which delivers the same messages in the same
   * order as MQTT (INV-LINK-1) in a fraction of the time; 'mqtt' for real packets.
   */
  transport?: 'mqtt' | 'direct' | 'auto';
  /** Keep every event in memory (default true; turn off for big towns and read `digest` only). */
  retainLog?: boolean;
}

export interface WorldRun {
  /** The report's metrics: same inputs, identical numbers. */
  metrics: Record<string, MetricValue>;
  /** SHA-256 of the event log: same inputs, same hash. */
  digest: string;
  /** Every logged event in order (empty when `retainLog: false`). */
  events: readonly LoggedEvent[];
  /** The events of one type, typed: `ofType('cloud.login')` has `accountId`, `actor`, `outcome` … */
  ofType<K extends EventType>(type: K): LoggedEvent<K>[];
  /** The whole report, as `smarthome-sim run --json` writes it. */
  report: RunReport;
}

function resolveScenario(scenario: string | ScenarioDefinition): ScenarioDefinition {
  if (typeof scenario !== 'string') return scenario;
  return builtInScenario(scenario, (message) => new RangeError(`runWorld: ${message}`));
}

/**
 * Runs one world from a seed to the end of its duration and returns what a property
 * inspects. Bad options throw the runner's InputError (its message names the field).
 */
export async function runWorld(options: RunWorldOptions): Promise<WorldRun> {
  const retainLog = options.retainLog ?? true;
  const { report, sim } = await runScenario(resolveScenario(options.scenario), {
    seed: options.seed,
    homes: options.homes,
    duration: options.duration,
    defenses: options.defenses,
    set: options.set,
    params: options.params,
    transport: options.transport ?? 'direct',
    retainLog,
  });
  const events = retainLog ? sim.world.log.events() : [];
  return {
    metrics: report.metrics,
    digest: report.eventLog.sha256,
    events,
    ofType: <K extends EventType>(type: K) => events.filter((e) => e.type === type) as unknown as LoggedEvent<K>[],
    report,
  };
}

/**
 * How to replay a failing case: fast-check prints `seed` and `path` (`counterexamplePath`)
 * when a property fails. Returns the parameters to paste into `fc.assert` / `test.prop`,
 * and, for smarthome-sim's own suite, the environment variables its configuration reads.
 */
export function replayHint(seed: number, path: string | undefined, file = '<test file>'): string {
  const pathPart = path ? `, path: ${JSON.stringify(path)}` : '';
  const envPath = path ? ` FC_PATH=${path}` : '';
  return [
    `replay with { seed: ${seed}${pathPart}, endOnFailure: true } as the parameters of fc.assert (or the second argument of test.prop)`,
    `or, in smarthome-sim's suite: FC_SEED=${seed}${envPath} npx vitest run ${file} -t '<test name>'`,
  ].join('\n');
}
