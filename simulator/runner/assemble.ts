import { defenseStats, installDefenses, type InstalledDefenses } from '../defenses/index.js';
import { REPORT_SCHEMA_VERSION, type RunReport } from '../metrics/report.js';
import { OwnerLogin, type LoginContinuation } from '../population/owner-login.js';
import { defenseSpecOf, resolveDefenses } from './defense-options.js';
import { checkReplacedParams, checkRunOptions, resolveParams, type RunOptions } from './run-scenario.js';
import type { ScenarioContext, ScenarioDefinition } from './scenario.js';
import { Simulation } from './simulation.js';

export interface AssembleOptions extends RunOptions {
  /**
   * A live world (serve, demo): every actor a real MQTT client, aedes' own timers on, and
   * every credential from node:crypto. Scaled real time is the caller's (RealtimeRunner).
   */
  live?: boolean;
  /** Live only: service principals may log in through the listeners. */
  allowExternalServices?: boolean;
}

/** A run put together and not yet run: `start`, then run the clock, then `finish`. */
export interface AssembledRun {
  readonly sim: Simulation;
  readonly ctx: ScenarioContext<unknown>;
  readonly installed: InstalledDefenses;
  /** How an owner's app finishes a login the cloud did not finish at once (second factor, challenge). */
  readonly continueLogin: LoginContinuation;
  readonly homes: number;
  /** The scenario's duration: attack windows end with it (a live run may stop before or go past it). */
  readonly durationMs: number;
  /** Connects the town, then runs the scenario's setup (its attackers go on the clock). */
  start(): Promise<void>;
  /** The scenario's final figures and the defences' counters, then stops the world: the versioned report. */
  finish(): Promise<RunReport>;
}

/**
 * The one place a run is put together, for `run`, `sweep`, `serve`, the testing toolkit and
 * tests alike: parameters checked and split, the defence set parsed once, the simulation
 * built, defences plugged into every choke point before any owner logs in, owners' logins
 * attached, the scenario's context made. Bad input throws InputError before anything is built.
 */
export async function assembleRun(scenario: ScenarioDefinition, options: AssembleOptions): Promise<AssembledRun> {
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
    transport: options.live ? 'mqtt' : options.transport,
    retainLog: options.retainLog,
    logSink: options.logSink,
    params: params.world,
    continueLogin: owners.continuation,
    live: options.live,
    allowExternalServices: options.allowExternalServices,
    broker: options.broker,
    ...configured,
  });
  // Before any owner logs in: defences guard the very first login of the run.
  const installed = installDefenses(sim.cloud, sim.world, defenses, { broker: sim.broker });
  // Apps exist once the town starts; owners log in only after that.
  owners.attach(sim.cloud, sim.town.homes, (home) => ({ ip: sim.apps[home.index]?.ip ?? '', fingerprint: sim.apps[home.index]?.fingerprint ?? '' }));
  const ctx: ScenarioContext<unknown> = { sim, params: params.scenario, metrics: sim.recorder.metrics, durationMs, defenses: installed.names };

  const start = async () => {
    await sim.start();
    await scenario.setup?.(ctx as never);
  };
  const finish = async (): Promise<RunReport> => {
    const extra = scenario.finish?.(ctx as never);
    if (extra) for (const [name, value] of Object.entries(extra)) ctx.metrics.set(name, value);
    for (const [name, value] of Object.entries(defenseStats(sim.cloud))) ctx.metrics.set(`defense.${name}`, value);
    // A live run reports the simulated time it really covered; a simulated one ran its duration.
    const coveredMs = options.live ? sim.world.now() : durationMs;
    await sim.stop();
    return {
      schemaVersion: REPORT_SCHEMA_VERSION,
      tool: 'smarthome-sim',
      scenario: scenario.name,
      seed: options.seed,
      homes,
      defenses: [...installed.names],
      defenseSpec: defenseSpecOf(scenario, options),
      durationMs: coveredMs,
      simulatedSeconds: coveredMs / 1000,
      transport: sim.transport,
      params: { ...sim.params, ...(params.scenario as object), defenses: Object.fromEntries(defenses.map((d) => [d.name, d.params])) },
      metrics: ctx.metrics.toJSON(),
      eventLog: { sha256: sim.world.log.digest(), events: sim.world.log.size },
      wallMs: Number((process.hrtime.bigint() - wallStart) / 1_000_000n),
    };
  };
  return { sim, ctx, installed, continueLogin: owners.continuation, homes, durationMs, start, finish };
}
