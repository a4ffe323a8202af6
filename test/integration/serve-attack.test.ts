import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCredentials, SERVE_STOP_MS, startServe, type ServeProcess } from './helpers/serve-process.js';
import { withTimeout } from './helpers/wait.js';

/**
 * One assembly for run and serve (issue 13): `serve --scenario credential-stuffing` runs the
 * attack on the live broker, with the defences named, and Debian's mosquitto_sub, logged in
 * as an owner, sees what the takeover does to that home. Every resident is in the breach with
 * their password reused and no one has 2FA, so every home falls without defences.
 */
const BREACH_EVERYONE = [
  '--set', 'combo.residentShare=1',
  '--set', 'combo.entriesPerHome=2',
  '--set', 'population.reuseRate=1',
  '--set', 'population.modifiedReuseRate=0',
  '--set', 'population.passwordManagerShare=0',
  '--set', 'population.twoFactorAdoption=0',
  '--set', 'takeover.talkChance=1',
  // An e-mail change would sign the watcher (the owner) out before it sees anything.
  '--set', 'takeover.changeEmailChance=0',
  // Half a simulated hour (1 s of wall time) before the attack: the watcher subscribes first.
  '--set', 'attack.startMs=30m',
];

const dir = mkdtempSync(join(tmpdir(), 'smarthome-sim-serve-attack-'));
const running: Array<ServeProcess | ChildProcess> = [];
afterAll(() => {
  for (const p of running) p.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** mosquitto_sub on the first home with its owner's credentials, until the serve process ends. */
function watchFirstHome(serve: ServeProcess, credentialsFile: string): { output: () => string; child: ChildProcess } {
  const [home] = readCredentials(credentialsFile);
  const child = spawn('stdbuf', ['-oL', 'mosquitto_sub', '-h', '127.0.0.1', '-p', String(serve.tcpPort), '-V', 'mqttv311', '-i', 'attack-watcher', '-u', home!.username, '-P', home!.password, '-t', `homes/${home!.homeId}/#`, '-v', '-W', '60'], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  return { output: () => out, child };
}

async function attackLive(defenses: string, name: string) {
  const credentials = join(dir, `${name}-creds.json`);
  const report = join(dir, `${name}.json`);
  const serve = await startServe(['--scenario', 'credential-stuffing', '--defenses', defenses, '--homes', '3', '--port', '0', '--ws-port', '0', '--speed', '1800', '--duration', '4h', '--credentials-file', credentials, '--json', report, ...BREACH_EVERYONE]);
  running.push(serve);
  const watcher = watchFirstHome(serve, credentials);
  const exit = await withTimeout(serve.exited, 60_000 + SERVE_STOP_MS, 'serve to stop after --duration');
  watcher.child.kill('SIGTERM');
  return { exit, stdout: serve.stdout(), watched: watcher.output(), report: JSON.parse(readFileSync(report, 'utf8')) };
}

describe('serve --scenario runs an attack on the live broker', () => {
  it('without defences the attacker takes the home over, and its owner\'s mosquitto_sub sees the attacker speak through the doorbell', async () => {
    const run = await attackLive('none', 'none');
    expect(run.exit.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/smarthome-sim serve credential-stuffing {2}seed=1 {2}homes=3 .* {2}defenses=none/);
    expect(run.report.schemaVersion).toBe(1);
    expect(run.report.scenario).toBe('credential-stuffing');
    expect(run.report.defenses).toEqual(['tenant-acl', 'unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed']);
    expect(run.report.simulatedSeconds).toBe(4 * 3600);
    expect(run.report.metrics['attack.takeovers']).toBe(3);
    // The attacker's command, stamped by the broker with the attacker's account session.
    expect(run.watched).toMatch(/\/commands \{"cmd":"talk","message":"I can see you\.","from":\{"accountId":"[^"]+","sessionId":"[0-9a-f]+"\}\}/);
  });

  it('under ring-2020 the same attack takes nothing over, and the owner\'s watcher sees no attacker command', async () => {
    const run = await attackLive('ring-2020', 'ring-2020');
    expect(run.exit.code, run.stdout).toBe(0);
    expect(run.report.defenses).toEqual(['2fa-mandatory', 'login-alerts', 'tenant-acl', 'unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed']);
    expect(run.report.metrics['attack.attempts']).toBeGreaterThan(0);
    expect(run.report.metrics['attack.takeovers']).toBe(0);
    expect(run.watched).toMatch(/^homes\/home-00001\/devices\//m); // the watcher was live …
    expect(run.watched).not.toContain('I can see you.'); // … and the attacker never spoke
  });
});
