import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { freePort } from '../integration/helpers/mosquitto.js';
import { expectRefused, runCli } from './run-cli.js';

/** `run --broker`: every bad target exits 2 with one line naming the flag and the value, before any work, writing nothing. */
const root = mkdtempSync(join(tmpdir(), 'smarthome-sim-broker-input-'));
const credentials = join(root, 'mq', 'credentials.json');
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  const written = await runCli(['mosquitto-config', join(root, 'mq'), '--homes', '2', '--seed', '1']);
  if (written.code !== 0) throw new Error(written.stderr);
});

describe('smarthome-sim run --broker, bad input', () => {
  it('refuses a non-loopback broker, a wrong scheme, a missing credentials file and a scenario that needs aedes', async () => {
    const out = mkdtempSync(join(root, 'out-'));
    const json = join(out, 'r.json');
    const cases = [
      { args: ['--broker', 'mqtt://192.0.2.10:1883', '--broker-credentials', credentials], mentions: ['--broker', 'mqtt://192.0.2.10:1883', '--allow-remote-broker 192.0.2.10'] },
      { args: ['--broker', 'http://127.0.0.1:1883', '--broker-credentials', credentials], mentions: ['--broker', 'http://127.0.0.1:1883'] },
      { args: ['--broker', 'mqtt://127.0.0.1:1883'], mentions: ['--broker-credentials'] },
      { args: ['--broker-credentials', credentials], mentions: ['--broker-credentials', credentials] },
      { args: ['--defenses', 'mqtt-hardened', '--broker', 'mqtt://127.0.0.1:1883', '--broker-credentials', credentials], mentions: ['--defenses', 'tenant-acl', '--broker'] },
    ];
    for (const { args, mentions } of cases) expectRefused(await runCli(['run', 'baseline', '--homes', '2', '--json', json, ...args], 60_000), mentions, out);
    expectRefused(await runCli(['run', 'broker-dos', '--homes', '2', '--json', json, '--broker', 'mqtt://127.0.0.1:1883', '--broker-credentials', credentials], 60_000), ['--broker', 'broker-dos'], out);
  }, 120_000);

  it('refuses an unreachable broker and credentials written for another town', async () => {
    const out = mkdtempSync(join(root, 'out-'));
    const json = join(out, 'r.json');
    const url = `mqtt://127.0.0.1:${await freePort()}`;
    expectRefused(await runCli(['run', 'baseline', '--homes', '2', '--json', json, '--broker', url, '--broker-credentials', credentials], 60_000), ['--broker', url, 'cannot reach'], out);
    expectRefused(await runCli(['run', 'baseline', '--homes', '3', '--json', json, '--broker', url, '--broker-credentials', credentials], 60_000), ['--broker-credentials', 'no password for', '--seed'], out);
  }, 120_000);
});
