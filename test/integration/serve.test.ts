import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../simulator/cli/main.js';
import { runCli } from '../cli/run-cli.js';
import { ClientPool, type TestClient } from './helpers/mqtt-clients.js';
import { readCredentials, startServe, type OwnerCredential, type ServeProcess } from './helpers/serve-process.js';
import { withTimeout } from './helpers/wait.js';

/** At --speed 3600 a simulated hour passes each second: a live status or motion event comes within seconds. */
const LIVE_MESSAGE_MS = 30_000;
const MOSQUITTO_SUB_MS = 40_000;

interface Message {
  topic: string;
  retain: boolean;
}

/** Records every message with its retain flag (retained = the status stored before we came; live = sent while we watch). */
function record(client: TestClient): Message[] {
  const messages: Message[] = [];
  client.client.on('message', (topic, _payload, packet) => messages.push({ topic, retain: packet.retain }));
  return messages;
}

/** Resolves once `messages` holds a retained and a live message (event-driven, bounded). */
function waitRetainedAndLive(client: TestClient, messages: Message[], what: string): Promise<void> {
  const done = () => messages.some((m) => m.retain) && messages.some((m) => !m.retain);
  return withTimeout(
    new Promise<void>((resolve) => {
      if (done()) return resolve();
      const check = () => done() && (client.client.off('message', check), resolve());
      client.client.on('message', check);
    }),
    LIVE_MESSAGE_MS,
    `${what}: a retained and a live message`,
  );
}

/** Runs Debian's mosquitto_sub to completion (its own -W bounds it; this bounds it again). */
function mosquittoSub(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('mosquitto_sub', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), MOSQUITTO_SUB_MS);
    child.once('error', reject);
    child.once('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
  });
}

/** True when nothing listens on 127.0.0.1:port (we can bind it ourselves). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port }, () => server.close(() => resolve(true)));
  });
}

describe('smarthome-sim serve', () => {
  let dir: string;
  let serve: ServeProcess;
  let home: OwnerCredential;
  let other: OwnerCredential;
  const pools: ClientPool[] = [];
  /** A failed start fails every test (counted as failures), rather than skipping them from beforeAll. */
  let startError: unknown;
  const started = () => {
    if (startError) throw startError;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
    const file = join(dir, 'credentials.json');
    try {
      serve = await startServe(['--port', '0', '--ws-port', '0', '--homes', '5', '--speed', '3600', '--seed', '7', '--credentials-file', file]);
      const credentials = readCredentials(file);
      home = credentials[0]!;
      other = credentials[1]!;
    } catch (error) {
      startError = error;
    }
  });

  afterAll(async () => {
    for (const pool of pools) await pool.closeAll();
    serve?.kill(); // whatever happened above, never leave the child running
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints both listener URLs on 127.0.0.1, a mosquitto_sub command for the first home, and writes its owners\' credentials', () => {
    started();
    expect(serve.tcpPort).toBeGreaterThan(0);
    expect(serve.wsPort).toBeGreaterThan(0);
    const lines = serve.stdout().split('\n');
    expect(lines[0]).toBe(`mqtt  tcp://127.0.0.1:${serve.tcpPort}`);
    expect(lines[1]).toBe(`mqtt  ws://127.0.0.1:${serve.wsPort}/mqtt`);
    expect(serve.stdout()).toContain(`mosquitto_sub -h 127.0.0.1 -p ${serve.tcpPort} -V mqttv311 -i watcher-1 -u ${home.username} -P ${home.password} -t 'homes/home-00001/#' -v`);
    const credentials = readCredentials(join(dir, 'credentials.json'));
    expect(credentials.map((c) => c.homeId)).toEqual(['home-00001', 'home-00002', 'home-00003', 'home-00004', 'home-00005']);
    for (const c of credentials) {
      expect(Object.keys(c).sort()).toEqual(['homeId', 'password', 'username']);
      expect(c.username).toMatch(/^resident\d{5}@mail\.example$/);
      expect(c.password).toMatch(/^[0-9a-f]{32}$/); // a 128-bit session token
    }
    expect(serve.stderr()).toBe(''); // no --host warning on the default
  });

  for (const transport of ['tcp', 'ws'] as const) {
    it(`mqtt.js over ${transport === 'tcp' ? 'TCP' : 'WebSocket'} receives the home's events with its owner's credentials, and only that home's`, async () => {
      started();
      const url = transport === 'tcp' ? `mqtt://127.0.0.1:${serve.tcpPort}` : `ws://127.0.0.1:${serve.wsPort}/mqtt`;
      const pool = new ClientPool(() => url);
      pools.push(pool);
      const client = await pool.connect({ clientId: `watcher-${transport}`, username: home.username, password: home.password });
      const messages = record(client);
      expect(await client.subscribe(`homes/${home.homeId}/#`)).toEqual([0]);
      expect(await client.subscribe(`homes/${other.homeId}/#`)).toEqual([128]); // same credentials, other home: refused
      await waitRetainedAndLive(client, messages, `${transport} watcher of ${home.homeId}`);
      for (const m of messages) expect(m.topic.startsWith(`homes/${home.homeId}/devices/`)).toBe(true);
      await client.end();
    });
  }

  it('Debian\'s mosquitto_sub receives the home\'s events with its owner\'s credentials, and is refused another home', async () => {
    started();
    const which = spawnSync('sh', ['-c', 'command -v mosquitto_sub']);
    expect(which.status, 'mosquitto_sub is missing: run apt-get install mosquitto-clients (CI installs it)').toBe(0);
    const login = ['-h', '127.0.0.1', '-p', String(serve.tcpPort), '-V', 'mqttv311', '-u', home.username, '-P', home.password];

    const watched = await mosquittoSub([...login, '-i', 'watcher-mosquitto', '-t', `homes/${home.homeId}/#`, '-C', '3', '-v', '-W', '30']);
    expect(watched.code, watched.stderr).toBe(0);
    const lines = watched.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(new RegExp(`^homes/${home.homeId}/devices/db-\\d{5}/(status|events|media) \\{`));

    const refused = await mosquittoSub([...login, '-i', 'watcher-mosquitto-2', '-t', `homes/${other.homeId}/#`, '-C', '1', '-v', '-W', '5']);
    expect(refused.stderr).toContain('All subscription requests were denied');
    expect(refused.stdout).toBe('');
  });

  it('refuses a taken --port or --ws-port with exit 2 naming the flag', async () => {
    started();
    const [tcp, ws] = await Promise.all([
      runCli(['serve', '--homes', '1', '--port', String(serve.tcpPort), '--ws-port', '0']),
      runCli(['serve', '--homes', '1', '--port', '0', '--ws-port', String(serve.wsPort)]),
    ]);
    expect(tcp.code, tcp.stderr).toBe(2);
    expect(tcp.stderr).toContain(`--port: port ${serve.tcpPort} is in use`);
    expect(ws.code, ws.stderr).toBe(2);
    expect(ws.stderr).toContain(`--ws-port: port ${serve.wsPort} is in use`);
  });

  it('stops on SIGTERM with exit 0 and frees both ports', async () => {
    started();
    const exit = await serve.stop('SIGTERM');
    expect(exit, serve.stderr()).toEqual({ code: 0, signal: null });
    expect(serve.stdout()).toMatch(/^stopping \(SIGTERM\) at simulated /m);
    expect(await portIsFree(serve.tcpPort)).toBe(true);
    expect(await portIsFree(serve.wsPort)).toBe(true);
  });
});

describe('smarthome-sim serve: flags', () => {
  it('a bad flag exits the real CLI with 2 and a message naming the flag and value', async () => {
    const result = await runCli(['serve', '--port', '70000']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('--port: expected a whole number from 0 to 65535, got "70000"');
    expect(result.stdout).toBe('');
  });

  // The same check in-process for every other flag: validation runs before anything starts.
  it.each([
    [['--ws-port', 'x'], '--ws-port: expected a whole number from 0 to 65535, got "x"'],
    [['--speed', 'fast'], '--speed: expected a number from 0.001 to 1000000, got "fast"'],
    [['--speed', '0'], '--speed: expected a number from 0.001 to 1000000, got "0"'],
    [['--homes', '0'], '--homes: expected a whole number from 1 to 2000, got "0"'],
    [['--seed', '1.5'], '--seed: expected a whole number from 0 to 9007199254740991, got "1.5"'],
    [['--duration', '5x'], '--duration: cannot read "5x" as a duration'],
    [['--credentials-file', 'creds.txt'], '--credentials-file: expected a .json file, got "creds.txt"'],
    [['--port', '1234', '--ws-port', '1234'], '--ws-port: must differ from --port'],
    [['--host', ''], '--host: expected an interface address'],
    [['--bogus'], '--bogus: not a flag of this command'],
  ])('serve %j exits 2 naming the flag and value', async (args, message) => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const logs = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await main(['serve', ...args])).toBe(2);
      expect(errors.mock.calls.flat().join('\n')).toContain(message);
      expect(logs).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      logs.mockRestore();
    }
  });

  it('--help exits 0; --duration ends the run by itself with exit 0', async () => {
    const [help, timed] = await Promise.all([
      runCli(['serve', '--help']),
      runCli(['serve', '--port', '0', '--ws-port', '0', '--homes', '2', '--speed', '100000', '--duration', '2h']),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: smarthome-sim serve');
    expect(timed.code, timed.stderr).toBe(0);
    expect(timed.stdout).toMatch(/^ready$/m);
    expect(timed.stdout).toMatch(/^stopping \(duration\) at simulated 2h$/m);
  });
});
