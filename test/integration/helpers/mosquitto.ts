import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { STEP_MS, withTimeout } from './wait.js';

export const MOSQUITTO_INSTALL_HINT = 'mosquitto is not installed: run apt-get install mosquitto mosquitto-clients (CI installs it)';

export function findMosquitto(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v mosquitto'], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  return existsSync('/usr/sbin/mosquitto') ? '/usr/sbin/mosquitto' : undefined; // sbin is not on every PATH
}

/** A loopback port nobody holds right now (Mosquitto cannot be asked for port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A running mosquitto and everything it logged (the test prints it when something fails). */
export interface RunningMosquitto {
  readonly child: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

/** Starts `mosquitto -c config`; resolves once it logs that it is running (bounded). */
export function startMosquitto(binary: string, config: string): Promise<RunningMosquitto> {
  const child = spawn(binary, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await withTimeout(exited, STEP_MS, 'mosquitto to stop').catch(() => child.kill('SIGKILL'));
  };
  return withTimeout(
    new Promise<RunningMosquitto>((resolve, reject) => {
      child.stderr!.setEncoding('utf8').on('data', (d: string) => {
        log += d;
        if (/mosquitto version [\d.]+ running/.test(log)) resolve({ child, log: () => log, stop });
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`mosquitto exited with ${code} before running:\n${log}`)));
    }),
    STEP_MS * 2,
    'mosquitto to start',
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
}
