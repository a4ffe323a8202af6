import type { Server } from 'node:http';
import { DEFAULT_HOST, WS_PATH } from '../../broker/listeners.js';
import { DemoSession } from '../../demo/demo-session.js';
import type { DemoConfig } from '../../demo/demo-town.js';
import { createDemoServer } from '../../demo/http-server.js';
import { checkDefenseList } from '../../runner/defense-options.js';
import { InputError } from '../../runner/input-error.js';
import { validateRun } from '../../runner/run-scenario.js';
import { AUTO_DIRECT_ABOVE_HOMES } from '../../runner/simulation.js';
import { intFlag, numberFlag, parseFlags } from '../flags.js';
import { loadScenario } from '../scenario-loader.js';
import { untilSignal } from '../signals.js';
import { DEFAULT_SPEED, DEFAULT_TCP_PORT, DEFAULT_WS_PORT } from './serve.js';

/** 8080: the customary alternative HTTP port, free of privilege on every OS. */
export const DEFAULT_HTTP_PORT = 8080;
/** Each group is a whole town on a 2-core laptop: a room's worth, not a school's. */
const MAX_GROUPS = 12;

export const DEMO_HELP = `Usage: smarthome-sim demo [options]

The classroom: a live town in scaled real time, its broker on MQTT over TCP and WebSocket,
and an HTTP server with the dashboard (homes, topic tree, charts, attack and defence
controls, lessons) and the cloud's login API (POST /api/login). Prints one URL to open.
Ctrl-C (SIGINT) or SIGTERM stops it cleanly (exit 0).

Options:
  --scenario S       what runs in the town (default credential-stuffing); the page can switch
  --defenses a,b,c   defences at the start (default none); the page toggles them live
  --set key=value    any parameter by its dotted name, as for run (repeatable)
  --homes N          homes in town, 1 to ${AUTO_DIRECT_ABOVE_HOMES} (default 60)
  --seed N           seed of the town (default 1); broker credentials are random every start
  --speed X          simulated time per wall time (default ${DEFAULT_SPEED})
  --port P           MQTT over TCP (default ${DEFAULT_TCP_PORT}; 0 = any free port)
  --ws-port W        MQTT over WebSocket, what the page uses (default ${DEFAULT_WS_PORT}; 0 = any free port)
  --http-port H      the dashboard and APIs (default ${DEFAULT_HTTP_PORT}; 0 = any free port)
  --host H           interface to listen on (default ${DEFAULT_HOST}; anything else shares the
                     demo with a classroom network and prints a warning)
  --groups a,b,c     one town per group, each with its own seed (--seed, --seed+1, ...) and its
                     own MQTT ports (the first group's are --port/--ws-port, the rest free),
                     at /group/NAME/; the teacher's page at /trainer (completions, metrics,
                     reset per group)
  --ctf-key K        show an HMAC flag for each completed lesson (CTF use)
  -h, --help         this text

Exit codes: 0 stopped, 2 bad input (the message names the flag and the value).`;

const FLAGS = {
  scenario: { type: 'string' },
  defenses: { type: 'string' },
  set: { type: 'string', multiple: true },
  homes: { type: 'string' },
  seed: { type: 'string' },
  speed: { type: 'string' },
  port: { type: 'string' },
  'ws-port': { type: 'string' },
  'http-port': { type: 'string' },
  host: { type: 'string' },
  'ctf-key': { type: 'string' },
  groups: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function listenHttp(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new InputError(`--http-port: port ${port} is in use; pick another, or 0 for any free port`) : error);
    });
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

export async function demoCommand(args: readonly string[]): Promise<number> {
  const { values } = parseFlags(args, FLAGS, false);
  if (values.help) {
    console.log(DEMO_HELP);
    return 0;
  }
  const tcpPort = intFlag('port', values.port, 0, 65_535) ?? DEFAULT_TCP_PORT;
  const wsPort = intFlag('ws-port', values['ws-port'], 0, 65_535) ?? DEFAULT_WS_PORT;
  const httpPort = intFlag('http-port', values['http-port'], 0, 65_535) ?? DEFAULT_HTTP_PORT;
  const ports = [tcpPort, wsPort, httpPort].filter((p) => p !== 0);
  if (new Set(ports).size !== ports.length) throw new InputError(`--port/--ws-port/--http-port: must differ, got ${tcpPort}, ${wsPort}, ${httpPort}`);
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '' || /\s/.test(host)) throw new InputError(`--host: expected an interface address such as ${DEFAULT_HOST}, got "${host}"`);
  if (values['ctf-key'] !== undefined && values['ctf-key'].length < 8) throw new InputError(`--ctf-key: expected at least 8 characters, got ${values['ctf-key'].length}`);
  if (values.defenses !== undefined) checkDefenseList(values.defenses);
  const speed = numberFlag('speed', values.speed, 0.001, 1_000_000) ?? DEFAULT_SPEED;
  const homes = intFlag('homes', values.homes, 1, AUTO_DIRECT_ABOVE_HOMES) ?? 60;
  const seed = intFlag('seed', values.seed, 0, Number.MAX_SAFE_INTEGER) ?? 1;
  const set = values.set ?? [];
  const configFor = async (scenarioName: string, s: number, defenses: string | undefined): Promise<DemoConfig> => {
    const scenario = await loadScenario(scenarioName);
    validateRun(scenario, { seed: s, homes, defenses, set });
    return { scenario, seed: s, homes, defenses, set };
  };
  const groupNames = values.groups === undefined ? ['main'] : values.groups.split(',').map((g) => g.trim());
  for (const g of groupNames) if (!/^[a-z0-9-]{1,32}$/.test(g)) throw new InputError(`--groups: group names are 1-32 of a-z, 0-9 and -, got "${g}"`);
  if (new Set(groupNames).size !== groupNames.length) throw new InputError(`--groups: a name is given twice in "${values.groups}"`);
  if (groupNames.length > MAX_GROUPS) throw new InputError(`--groups: at most ${MAX_GROUPS} groups on one machine, got ${groupNames.length}`);
  const config = await configFor(values.scenario ?? 'credential-stuffing', seed, values.defenses ?? 'none');
  if (host !== DEFAULT_HOST) {
    console.error(`smarthome-sim: warning: --host ${host}: not the default ${DEFAULT_HOST}; anyone who can reach this address can open the dashboard, read the observer login it hands out, and send logins to the API`);
  }

  const groups = new Map<string, DemoSession>();
  const stopAll = async () => {
    for (const session of groups.values()) await session.stop();
  };
  try {
    for (const [index, name] of groupNames.entries()) {
      const first = index === 0;
      const groupConfig = first ? config : await configFor(config.scenario.name, seed + index, config.defenses);
      groups.set(name, await DemoSession.start(groupConfig, { host, tcpPort: first ? tcpPort : 0, wsPort: first ? wsPort : 0, speed, ctfKey: values['ctf-key'] }));
    }
  } catch (error) {
    await stopAll();
    const { code, port } = error as NodeJS.ErrnoException & { port?: number };
    if (code === 'EADDRINUSE') throw new InputError(`--${port === wsPort ? 'ws-port' : 'port'}: port ${port} is in use; pick another, or 0 for any free port`);
    throw error;
  }
  const session = groups.get(groupNames[0]!)!;
  const server = createDemoServer(
    () => groups,
    (name) => ({
      reset: async (change) => {
        const group = groups.get(name)!;
        const current = group.town.config;
        await group.reset(await configFor(change.scenario ?? current.scenario.name, change.seed ?? current.seed, change.defenses ?? current.defenses));
      },
      replayCommand: (file) => `smarthome-sim replay ${file}`,
    }),
  );
  try {
    const port = await listenHttp(server, host, httpPort);
    const urlHost = host.includes(':') ? `[${host}]` : host;
    console.log(`mqtt  tcp://${urlHost}:${session.listeners.tcpPort}`);
    console.log(`mqtt  ws://${urlHost}:${session.listeners.wsPort}${WS_PATH}`);
    console.log(`login POST http://${urlHost}:${port}/api/login`);
    console.log(`\nsmarthome-sim demo ${config.scenario.name}  seed=${seed}  homes=${homes}  speed=${speed}x  defenses=${config.defenses}`);
    console.log(`open  http://${urlHost}:${port}/`);
    if (values.groups !== undefined) {
      for (const name of groupNames) console.log(`group ${name}  http://${urlHost}:${port}/group/${name}/  seed=${groups.get(name)!.town.config.seed}`);
      console.log(`trainer  http://${urlHost}:${port}/trainer`);
    }
    console.log('ready');
    const end = await untilSignal(new Promise<never>(() => undefined));
    console.log(`stopping (${end})`);
    return 0;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await stopAll();
  }
}
