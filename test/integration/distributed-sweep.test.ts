import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../cli/run-cli.js';

/**
 * Issue 18: a sweep over Debian's redis-server with two `smarthome-sim worker` processes, one
 * killed (SIGKILL) while it runs a job, gives the local sweep's table and runs: the killed
 * worker's run is retried by the other, and no run is lost or counted twice.
 */
const SWEEP = ['sweep', 'credential-stuffing', '--defenses', 'none,2fa-mandatory', '--seeds', '2', '--homes', '100', '--duration', '2h'];

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A child process whose stdout is collected; `until` waits for a line matching `pattern`. */
function start(command: string, args: readonly string[]) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  const waiters: Array<() => void> = [];
  child.stdout!.on('data', (d) => {
    out += d;
    for (const w of waiters) w();
  });
  child.stderr!.on('data', (d) => (out += d));
  const until = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve) => {
      const check = () => {
        const match = out.match(pattern);
        if (match) resolve(match);
      };
      waiters.push(check);
      check();
    });
  return { child, until, output: () => out };
}

const withoutWall = (stdout: string) => stdout.replace(/\n\d+ runs of .* wall\n/, '\n').replace(/^wrote .*\n/gm, '');
const withoutWallMs = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'), (key, value) => (key === 'wallMs' ? undefined : value));

describe('sweep --queue on redis-server with smarthome-sim workers', () => {
  it('gives the local sweep byte for byte although a worker is killed mid-run', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smarthome-sim-queue-'));
    const port = await freePort();
    const redis = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    await redis.until(/Ready to accept connections/);
    const url = `redis://127.0.0.1:${port}`;

    const local = await runCli([...SWEEP, '--workers', '1', '--json', join(dir, 'local.json')]);
    expect(local.code, local.stderr).toBe(0);

    const doomed = start(process.execPath, [BIN, 'worker', '--queue', url, '--workers', '1']);
    await doomed.until(/Ctrl-C stops/);
    const queued = runCli([...SWEEP, '--queue', url, '--json', join(dir, 'queued.json')], 170_000);
    // The first worker takes the first job alone; the second starts once it is running it.
    const [, killedJob] = await doomed.until(/worker: running (run-[0-9a-f]+)/);
    doomed.child.kill('SIGKILL');
    const survivor = start(process.execPath, [BIN, 'worker', '--queue', url, '--workers', '1']);

    const result = await queued;
    expect(result.code, result.stderr).toBe(0);
    expect(doomed.output()).not.toContain(`finished ${killedJob}`);
    expect(survivor.output()).toContain(`finished ${killedJob}`);
    expect(withoutWall(result.stdout)).toBe(withoutWall(local.stdout));
    expect(withoutWallMs(join(dir, 'queued.json'))).toEqual(withoutWallMs(join(dir, 'local.json')));
    survivor.child.kill('SIGINT');
  });

  it('refuses a --queue that is no redis:// URL before any work', async () => {
    const result = await runCli([...SWEEP, '--queue', 'http://127.0.0.1:6379']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('--queue');
    expect(result.stderr).toContain('http://127.0.0.1:6379');
  });
});
