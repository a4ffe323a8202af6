import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withTimeout } from '../integration/helpers/wait.js';

const BIN = fileURLToPath(new URL('../../bin/smarthome-sim.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Start-up compiles the CLI with tsx and connects a whole town: generous on a loaded 2-core machine. */
const READY_MS = 150_000;

export interface DemoProcess {
  readonly child: ChildProcess;
  readonly url: string;
  stdout(): string;
  stop(): Promise<number | null>;
}

/** `smarthome-sim demo` on free ports, as a teacher starts it; resolves on "ready" with the page's URL. */
export async function startDemo(args: readonly string[]): Promise<DemoProcess> {
  const child = spawn(process.execPath, [BIN, 'demo', '--port', '0', '--ws-port', '0', '--http-port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', () => /^ready$/m.test(out) && resolve());
      void exited.then((code) => reject(new Error(`demo exited (${code}) before "ready"\n${out}\n${err}`)));
    }),
    READY_MS,
    'demo to print "ready"',
  );
  const url = /^open {2}(\S+)$/m.exec(out)![1]!;
  return {
    child,
    url,
    stdout: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      return withTimeout(exited, 20_000, 'demo to stop');
    },
  };
}
