import { DEFAULT_HOST, startListeners, WS_PATH, type Listeners } from '../../broker/listeners.js';
import { formatDurationMs, parseDurationMs } from '../../core/duration.js';
import { reportToJson } from '../../metrics/report.js';
import { assembleRun, type AssembledRun } from '../../runner/assemble.js';
import { checkDefenseList, checkSetDefensesInstalled, defenseSpecOf } from '../../runner/defense-options.js';
import { InputError } from '../../runner/input-error.js';
import { RealtimeRunner } from '../../runner/realtime.js';
import { validateRun, type RunOptions } from '../../runner/run-scenario.js';
import type { ScenarioDefinition } from '../../runner/scenario.js';
import { AUTO_DIRECT_ABOVE_HOMES, type Simulation } from '../../runner/simulation.js';
import { intFlag, numberFlag, parseFlags } from '../flags.js';
import { checkOutputPaths, writeFileAtomic, writeOutputsAtomic } from '../output-files.js';
import { loadScenario } from '../scenario-loader.js';
import { credentialsJson, loginWatchers, MAX_CREDENTIAL_HOMES, mosquittoSubCommand, tokenLifetimeNote } from '../serve-credentials.js';
import { guardShutdown, untilSignal } from '../signals.js';
import { startLoginApiServer, type LoginApiServer } from '../../demo/login-api-server.js';

export const DEFAULT_TCP_PORT = 1883; // IANA's MQTT port
/** 9001: the WebSocket port Mosquitto's docs and MQTT tools use (8883 is MQTT over TLS). */
export const DEFAULT_WS_PORT = 9001;
export const DEFAULT_SPEED = 60;

export const SERVE_HELP = `Usage: smarthome-sim serve [options]

Runs a town live, in scaled real time, on a broker any MQTT client can watch: MQTT over TCP
and over WebSocket (path ${WS_PATH}). Every doorbell and owner's app is a real MQTT client.
Prints the listener URLs, a mosquitto_sub command that watches the first home with its
owner's credentials, then "ready". Ctrl-C (SIGINT) or SIGTERM stops it cleanly (exit 0).

Options:
  --scenario S              what runs in the town: a built-in scenario or a scenario file (default
                            baseline, a normal day); an attack scenario attacks the live town
  --defenses a,b,c          defences and profiles at every layer, as for run (default: the scenario's)
  --set key=value           any parameter by its dotted name, as for run (repeatable)
  --json FILE               on stopping, write the versioned report of the simulated time so far
  --homes N                 homes in town, 1 to ${AUTO_DIRECT_ABOVE_HOMES} (default 20)
  --port P                  MQTT over TCP (default ${DEFAULT_TCP_PORT}; 0 = any free port)
  --ws-port W               MQTT over WebSocket (default ${DEFAULT_WS_PORT}; 0 = any free port)
  --speed X                 simulated time per wall time (default ${DEFAULT_SPEED}: a simulated minute a second)
  --seed N                  seed of the town: homes, residents, traffic (default 1); tokens and
                            device and service secrets are random in every run, whatever the seed
  --duration D              stop after this much simulated time: 90m, 24h, 7d (default: until stopped)
  --credentials-file FILE   write owners' broker logins of the first ${MAX_CREDENTIAL_HOMES} homes as JSON:
                            [{ "homeId", "username", "password" }]
  --http-port H             also serve the cloud's login API over HTTP (POST /api/login, then
                            /api/login/second-factor; docs/teaching.md) on this port (0 = any
                            free port); off unless given
  --host H                  interface to listen on (default ${DEFAULT_HOST}; anything else is
                            reachable beyond this machine and prints a warning)
  --allow-service-logins    accept service:* logins (which read every home and $SYS) through the
                            listeners; by default only in-process services may log in (prints a warning)
  -h, --help                this text

Owners log in to the broker with their e-mail as user name and a live session token as
password, and may subscribe to homes/<their home>/# only. Tokens are sessions that expire
after 30 simulated days: at --speed 3600 that is 12 minutes of wall time.

Exit codes: 0 stopped (signal or --duration), 2 bad input (the message names the flag and the value).`;

const FLAGS = {
  scenario: { type: 'string' },
  defenses: { type: 'string' },
  set: { type: 'string', multiple: true },
  json: { type: 'string' },
  homes: { type: 'string' },
  port: { type: 'string' },
  'ws-port': { type: 'string' },
  speed: { type: 'string' },
  seed: { type: 'string' },
  duration: { type: 'string' },
  'credentials-file': { type: 'string' },
  'http-port': { type: 'string' },
  host: { type: 'string' },
  'allow-service-logins': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface ServeOptions {
  scenarioName: string;
  defenses: string | undefined;
  set: string[];
  json: string | undefined;
  homes: number;
  tcpPort: number;
  wsPort: number;
  speed: number;
  seed: number;
  durationMs: number | undefined;
  credentialsFile: string | undefined;
  host: string;
  allowServiceLogins: boolean;
  httpPort: number | undefined;
}

/** Every flag checked before anything listens (exit 2, nothing started or written). */
function readOptions(values: ReturnType<typeof parseFlags<typeof FLAGS>>['values']): ServeOptions {
  const tcpPort = intFlag('port', values.port, 0, 65_535) ?? DEFAULT_TCP_PORT;
  const wsPort = intFlag('ws-port', values['ws-port'], 0, 65_535) ?? DEFAULT_WS_PORT;
  if (tcpPort !== 0 && tcpPort === wsPort) throw new InputError(`--ws-port: must differ from --port, got ${wsPort} for both`);
  let durationMs: number | undefined;
  if (values.duration !== undefined) {
    try {
      durationMs = parseDurationMs(values.duration, '--duration');
    } catch (error) {
      throw new InputError((error as Error).message);
    }
  }
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '' || /\s/.test(host)) throw new InputError(`--host: expected an interface address such as ${DEFAULT_HOST}, got "${host}"`);
  checkOutputPaths([
    { flag: 'credentials-file', path: values['credentials-file'], extension: '.json' },
    { flag: 'json', path: values.json, extension: '.json' },
  ]);
  if (values.defenses !== undefined) checkDefenseList(values.defenses);
  return {
    scenarioName: values.scenario ?? 'baseline',
    defenses: values.defenses,
    set: values.set ?? [],
    json: values.json,
    homes: intFlag('homes', values.homes, 1, AUTO_DIRECT_ABOVE_HOMES) ?? 20,
    tcpPort,
    wsPort,
    speed: numberFlag('speed', values.speed, 0.001, 1_000_000) ?? DEFAULT_SPEED,
    seed: intFlag('seed', values.seed, 0, Number.MAX_SAFE_INTEGER) ?? 1,
    durationMs,
    credentialsFile: values['credentials-file'],
    host,
    allowServiceLogins: values['allow-service-logins'] ?? false,
    httpPort: intFlag('http-port', values['http-port'], 0, 65_535),
  };
}

/** A port the user asked for that is taken is bad input: name the flag (exit 2). */
async function listenOrExplain(sim: Simulation, options: ServeOptions): Promise<Listeners> {
  try {
    return await startListeners(sim.broker, { host: options.host, tcpPort: options.tcpPort, wsPort: options.wsPort });
  } catch (error) {
    const { code, port } = error as NodeJS.ErrnoException & { port?: number };
    if (code === 'EADDRINUSE') {
      const flag = port === options.wsPort ? 'ws-port' : 'port';
      throw new InputError(`--${flag}: port ${port} is in use; pick another, or 0 for any free port`);
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') throw new InputError(`--host/--port: cannot listen on ${options.host} (${code})`);
    throw error;
  }
}

export async function serveCommand(args: readonly string[]): Promise<number> {
  const { values } = parseFlags(args, FLAGS, false);
  if (values.help) {
    console.log(SERVE_HELP);
    return 0;
  }
  const options = readOptions(values);
  if (options.host !== DEFAULT_HOST) {
    console.error(`smarthome-sim: warning: --host ${options.host}: not the default ${DEFAULT_HOST}; if this address is reachable from other machines, anyone there can try to log in to the broker`);
  }

  if (options.allowServiceLogins) {
    console.error('smarthome-sim: warning: --allow-service-logins: anyone who can reach the listeners and learns a service secret can read every home and publish commands into any home');
  }

  const scenario = await loadScenario(options.scenarioName);
  const runOptions = serveRunOptions(scenario, options);
  // One assembly with run and sweep (assemble.ts): the same defences at every choke point, and
  // live: every actor a real MQTT client, aedes' own timers, every credential from node:crypto.
  const run = await assembleRun(scenario, { ...runOptions, live: true, allowExternalServices: options.allowServiceLogins });
  const sim = run.sim;
  let listeners: Listeners | undefined;
  let runner: RealtimeRunner | undefined;
  let loginApi: LoginApiServer | undefined;
  try {
    // Listen first: a taken port fails in a moment, before a whole town has connected.
    listeners = await listenOrExplain(sim, options);
    await run.start();
    const credentials = loginWatchers(sim, run.continueLogin);
    if (options.credentialsFile) writeFileAtomic(options.credentialsFile, credentialsJson(credentials));

    // Machine-readable lines first: tests and scripts read the ports from them.
    const urlHost = listeners.host.includes(':') ? `[${listeners.host}]` : listeners.host; // IPv6 in a URL
    console.log(`mqtt  tcp://${urlHost}:${listeners.tcpPort}`);
    console.log(`mqtt  ws://${urlHost}:${listeners.wsPort}${WS_PATH}`);
    if (options.httpPort !== undefined) {
      loginApi = await startLoginApiServer(run, options.host, options.httpPort);
      console.log(`login POST http://${urlHost}:${loginApi.port}/api/login`);
    }
    const first = credentials[0]!;
    const until = options.durationMs === undefined ? 'until stopped' : `for ${formatDurationMs(options.durationMs)} simulated`;
    const defenses = runOptions.defenses ?? scenario.defaults?.defenses;
    console.log(`\nsmarthome-sim serve ${scenario.name}  seed=${options.seed}  homes=${options.homes}  speed=${options.speed}x  ${until}${defenses ? `  defenses=${defenses}` : ''}`);
    console.log(`watch ${first.homeId} (owner ${first.username}):`);
    console.log(`  ${mosquittoSubCommand(listeners.host, listeners.tcpPort, first)}`);
    if (options.credentialsFile) console.log(`credentials of ${credentials.length} homes: ${options.credentialsFile}`);
    console.log(tokenLifetimeNote(sim.cloud.sessions.ttlMs, options.speed));

    runner = new RealtimeRunner(sim.world, { speed: options.speed, durationMs: options.durationMs });
    console.log('ready');
    const end = await untilSignal(runner.done);
    console.log(`stopping (${end}) at simulated ${formatDurationMs(sim.world.now())}`);
    await runner.stop();
    await listeners.close();
    listeners = undefined;
    await finishAndReport(run, options);
    return 0;
  } finally {
    const disarm = guardShutdown();
    try {
      // Stop the clock first, then the sockets, then the world (which drains and closes the broker).
      await runner?.stop();
      await loginApi?.close();
      await listeners?.close();
      await sim.stop();
    } finally {
      disarm();
    }
  }
}

/** The run's options as `run` would take them; checked like run's before anything listens. */
function serveRunOptions(scenario: ScenarioDefinition, options: ServeOptions): RunOptions {
  const runOptions: RunOptions = {
    seed: options.seed,
    homes: options.homes,
    // The scenario's attack windows: its own duration unless --duration says otherwise.
    duration: options.durationMs ?? scenario.defaults?.duration,
    defenses: options.defenses,
    set: options.set,
  };
  validateRun(scenario, runOptions);
  checkSetDefensesInstalled([defenseSpecOf(scenario, runOptions)], options.set);
  return runOptions;
}

/** The scenario's final figures and the versioned report, as `run --json` writes it. */
async function finishAndReport(run: AssembledRun, options: ServeOptions): Promise<void> {
  const report = await run.finish();
  if (!options.json) return;
  writeOutputsAtomic([{ path: options.json, contents: reportToJson(report) }]);
  console.log(`wrote ${options.json}`);
}
