import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { BUILT_IN_SCENARIOS } from '../../scenarios/index.js';
import { LESSONS } from '../../scenarios/lessons.js';
import { WS_PATH } from '../broker/listeners.js';
import { DEFENSE_NAMES } from '../defenses/catalog.js';
import { handleLoginApi, readJsonBody, sendJson } from './login-api.js';
import type { DemoSession } from './demo-session.js';
import type { LoginResult } from '../cloud/login-stage.js';

// Resolved through the package's own name and Node's resolution, not a path relative to this
// file: the CLI runs the compiled copy in dist/, and an installed package's dependencies may be
// hoisted above it.
const PACKAGE_JSON = fileURLToPath(import.meta.resolve('smarthome-sim/package.json'));
const ROOT = dirname(PACKAGE_JSON);
const PACKAGE = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string };
const requireFromHere = createRequire(import.meta.url);
const dependencyDir = (name: string): string => dirname(requireFromHere.resolve(`${name}/package.json`));

/** Every file the page loads, by URL path: a fixed table of absolute paths, so no request names a path on disk. */
const STATIC: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: join(ROOT, 'simulator/dashboard/index.html'), type: 'text/html; charset=utf-8' },
  '/trainer': { file: join(ROOT, 'simulator/dashboard/trainer.html'), type: 'text/html; charset=utf-8' },
  '/dashboard.js': { file: join(ROOT, 'simulator/dashboard/dashboard.js'), type: 'text/javascript; charset=utf-8' },
  '/dashboard.css': { file: join(ROOT, 'simulator/dashboard/dashboard.css'), type: 'text/css; charset=utf-8' },
  '/vendor/mqtt.min.js': { file: join(dependencyDir('mqtt'), 'dist/mqtt.min.js'), type: 'text/javascript; charset=utf-8' },
  '/vendor/uPlot.iife.min.js': { file: join(dependencyDir('uplot'), 'dist/uPlot.iife.min.js'), type: 'text/javascript; charset=utf-8' },
  '/vendor/uPlot.min.css': { file: join(dependencyDir('uplot'), 'dist/uPlot.min.css'), type: 'text/css; charset=utf-8' },
};

/** What the control API may ask; anything else is a 400. */
export interface DemoControl {
  /** Resets the session's town with these changes (scenario, seed, defences), in the command's own terms. */
  reset(change: { scenario?: string; seed?: number; defenses?: string }): Promise<void>;
  /** The command line that replays a file. */
  replayCommand(file: string): string;
}

/** The demo's groups by name, in order: one town each (the first is also served at `/`). */
export type DemoGroups = () => ReadonlyMap<string, DemoSession>;

const GROUP_PATH = /^\/group\/([a-z0-9-]{1,32})(\/.*)?$/;

/**
 * The HTTP side of `demo`: the dashboard, its state and control API, and the login API, for
 * the first group at `/` and for every group at `/group/NAME/`; the trainer's page at
 * `/trainer` with `/api/groups` (each group's lessons and key metrics side by side).
 */
export function createDemoServer(groups: DemoGroups, control: (group: string) => DemoControl): Server {
  return createServer((req, res) => {
    const full = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = GROUP_PATH.exec(full);
    const all = groups();
    const name = match ? match[1]! : [...all.keys()][0]!;
    const session = all.get(name);
    const work = full === '/api/groups' && req.method === 'GET'
      ? Promise.resolve(sendJson(res, 200, groupsSummary(all)))
      : session
        ? route(req, res, match ? match[2] ?? '/' : full, session, control(name))
        : Promise.resolve(sendJson(res, 404, { error: `no group "${name}"` }));
    work.catch((error: Error) => {
      if (!res.headersSent) sendJson(res, 500, { error: error.message });
      else res.destroy();
    });
  });
}

/** What the trainer sees of each group: its town, lessons completed, key metrics. */
function groupsSummary(groups: ReadonlyMap<string, DemoSession>) {
  return [...groups].map(([name, session]) => {
    const { town, stats } = session;
    stats.checkLessons();
    const metrics = { ...town.run.ctx.metrics.toJSON(), ...(town.config.scenario.finish?.(town.run.ctx as never) ?? {}) };
    return {
      name,
      scenario: town.config.scenario.name,
      seed: town.config.seed,
      nowMs: town.nowMs,
      defenses: DEFENSE_NAMES.filter((d) => town.toggles.isOn(d)),
      completed: Object.fromEntries(stats.completed),
      metrics: Object.fromEntries(TRAINER_METRICS.map((key) => [key, metrics[key] ?? null])),
    };
  });
}

/** The figures a teacher compares across groups. */
const TRAINER_METRICS = ['attack.attempts', 'attack.takeovers', 'owners.lockedOut', 'owners.extraPrompts', 'video.exposedSeconds'];

async function route(req: IncomingMessage, res: ServerResponse, path: string, session: DemoSession, control: DemoControl): Promise<void> {
  const town = session.town;
  if (await handleLoginApi(req, res, path, (request) => town.apply(request) as Promise<LoginResult>)) return;
  const asset = STATIC[path];
  if (asset && req.method === 'GET') {
    res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
    res.end(readFileSync(asset.file));
    return;
  }
  if (path === '/api/state' && req.method === 'GET') return sendJson(res, 200, state(session, req));
  if (path === '/api/replay' && req.method === 'GET') {
    const file = await town.replayFile();
    return sendJson(res, 200, { file, command: control.replayCommand('demo-replay.json') });
  }
  if (path === '/api/control' && req.method === 'POST') return controlRequest(req, res, session, control);
  sendJson(res, 404, { error: `${req.method} ${path}: no such page or API` });
}

function state(session: DemoSession, req: IncomingMessage) {
  const { town, stats } = session;
  const sim = town.run.sim;
  const completedNow = stats.checkLessons();
  const host = (req.headers.host ?? '127.0.0.1').replace(/:\d+$/, '');
  return {
    version: PACKAGE.version,
    scenario: town.config.scenario.name,
    scenarios: BUILT_IN_SCENARIOS.map((s) => s.name),
    seed: town.config.seed,
    homes: town.config.homes,
    set: town.config.set,
    defensesSpec: town.config.defenses ?? null,
    defenses: DEFENSE_NAMES.map((name) => ({ name, on: town.toggles.isOn(name) })),
    nowMs: town.nowMs,
    speed: town.speed,
    paused: town.paused,
    mqtt: { url: `ws://${host}:${session.listeners.wsPort}${WS_PATH}`, ...session.observer },
    homeIds: sim.town.homes.map((h) => h.homeId),
    takenOver: [...stats.takenOver],
    // An attack scenario's figures so far (its finish() only reads counters), as the report names them.
    metrics: { ...town.run.ctx.metrics.toJSON(), ...(town.config.scenario.finish?.(town.run.ctx as never) ?? {}), 'log.events': sim.world.log.size },
    lessons: LESSONS.map((l) => ({
      key: l.key,
      title: l.title,
      category: l.category,
      difficulty: l.difficulty,
      goal: l.goal,
      scenario: l.scenario,
      defense: l.defense,
      steps: l.steps,
      mitigation: l.mitigation,
      completedAtMs: stats.completed.get(l.key) ?? null,
      flag: stats.flagOf(l.key) ?? null,
    })),
    completedNow,
  };
}

async function controlRequest(req: IncomingMessage, res: ServerResponse, session: DemoSession, control: DemoControl): Promise<void> {
  const body = await readJsonBody(req);
  if ('error' in body) return sendJson(res, body.status, { error: body.error });
  const ask = body.value as Record<string, unknown> | null;
  const town = session.town;
  const action = ask?.action;
  if (action === 'pause' || action === 'resume') {
    town.paused = action === 'pause';
  } else if (action === 'speed' && typeof ask!.speed === 'number' && ask!.speed > 0 && ask!.speed <= 1_000_000) {
    town.speed = ask!.speed;
  } else if (action === 'step' && typeof ask!.ms === 'number' && ask!.ms > 0 && ask!.ms <= 86_400_000) {
    await town.step(Math.floor(ask!.ms));
  } else if (action === 'toggle' && typeof ask!.name === 'string' && typeof ask!.on === 'boolean') {
    if (!(DEFENSE_NAMES as readonly string[]).includes(ask!.name)) return sendJson(res, 400, { error: `name: unknown defence "${ask!.name}"` });
    await town.apply({ kind: 'toggle', name: ask!.name, on: ask!.on });
  } else if (action === 'reset') {
    await control.reset({
      scenario: typeof ask!.scenario === 'string' ? ask!.scenario : undefined,
      seed: typeof ask!.seed === 'number' ? ask!.seed : undefined,
      defenses: typeof ask!.defenses === 'string' ? ask!.defenses : undefined,
    });
  } else {
    return sendJson(res, 400, { error: `action: expected pause, resume, speed {speed}, step {ms}, toggle {name, on} or reset, got ${JSON.stringify(action)}` });
  }
  sendJson(res, 200, { ok: true });
}
