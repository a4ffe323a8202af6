import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OwnerCredential } from '../../../simulator/cli/serve-credentials.js';
import { withTimeout } from './wait.js';

export type { OwnerCredential };

const BIN = fileURLToPath(new URL('../../../bin/smarthome-sim.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Start-up runs tsx's compile of the CLI and connects a town: generous on a loaded 2-core machine. */
export const SERVE_READY_MS = 45_000;
/** A clean stop closes every client and the broker; the command itself gives up after 15 s. */
export const SERVE_STOP_MS = 20_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running `smarthome-sim serve` child process, started exactly as a user would. */
export interface ServeProcess {
  readonly child: ChildProcess;
  readonly tcpPort: number;
  readonly wsPort: number;
  readonly exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` and waits (bounded) for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
  /** SIGKILL if still running: for afterAll, whatever happened before. */
  kill(): void;
}

/** Reads `--credentials-file` as written by serve. */
export function readCredentials(path: string): OwnerCredential[] {
  return JSON.parse(readFileSync(path, 'utf8')) as OwnerCredential[];
}

/** Starts `serve` with `args`, resolves once it printed "ready" (and both URLs before it). */
export async function startServe(args: readonly string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (/^ready$/m.test(out)) resolve();
        };
        child.stdout!.on('data', check);
        child.once('error', reject);
        void exited.then((e) => reject(new Error(`serve exited (${e.code ?? e.signal}) before "ready"\nstdout:\n${out}\nstderr:\n${err}`)));
      }),
      SERVE_READY_MS,
      `serve to print "ready" (stdout so far: ${JSON.stringify(out)})`,
    );
  } catch (error) {
    kill();
    throw error;
  }

  const tcp = /^mqtt {2}tcp:\/\/127\.0\.0\.1:(\d+)$/m.exec(out);
  const ws = /^mqtt {2}ws:\/\/127\.0\.0\.1:(\d+)\/mqtt$/m.exec(out);
  if (!tcp || !ws) {
    kill();
    throw new Error(`serve did not print both listener URLs on 127.0.0.1:\n${out}`);
  }
  return {
    child,
    tcpPort: Number(tcp[1]),
    wsPort: Number(ws[1]),
    exited,
    stdout: () => out,
    stderr: () => err,
    stop: (signal = 'SIGTERM') => {
      child.kill(signal);
      return withTimeout(exited, SERVE_STOP_MS, `serve to exit after ${signal}`);
    },
    kill,
  };
}
