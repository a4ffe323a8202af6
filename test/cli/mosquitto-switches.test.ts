import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'smarthome-sim-mosquitto-switches-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const confOf = async (name: string, extra: string[]) => {
  const dir = join(root, name);
  const result = await runCli(['mosquitto-config', dir, '--homes', '2', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return readFileSync(join(dir, 'mosquitto.conf'), 'utf8');
};

describe('mosquitto-config --defenses mirrors the broker switches', () => {
  it('mqtt-hardened: acl_file, max_packet_size, sys_interval 0, and a # line for each switch Mosquitto lacks', async () => {
    const conf = await confOf('hardened', ['--defenses', 'mqtt-hardened']);
    expect(conf).toMatch(/^acl_file .*mosquitto\.acl$/m);
    expect(conf).toMatch(/^max_packet_size 262144$/m);
    expect(conf).toMatch(/^sys_interval 0$/m);
    // max-keepalive (in mqtt-hardened): its ceiling, and a # line on what Mosquitto 2.0.11 does with it.
    expect(conf).toMatch(/^max_keepalive 1200$/m);
    for (const name of ['connect-rate-limit', 'connect-timeout', 'publish-rate-limit', 'connection-cap', 'max-keepalive']) expect(conf).toMatch(new RegExp(`^# ${name}`, 'm'));
  });

  it('mqtt-default: no acl_file, no max_packet_size, $SYS published every 10 s', async () => {
    const conf = await confOf('default', ['--defenses', 'mqtt-default']);
    expect(conf).not.toMatch(/^acl_file/m);
    expect(conf).not.toMatch(/^max_packet_size/m);
    expect(conf).toMatch(/^sys_interval 10$/m);
  });

  it('a switch parameter and --max-packet-size carry through; without --defenses the conf is as before', async () => {
    expect(await confOf('param', ['--defenses', 'none', '--max-packet-size', '4096'])).toMatch(/^max_packet_size 4096$/m);
    const plain = await confOf('plain', []);
    expect(plain).toMatch(/^max_packet_size 262144$/m);
    expect(plain).not.toMatch(/^sys_interval/m);
  });

  it('a bad --defenses exits 2 naming the flag and the value, and writes nothing', async () => {
    for (const spec of ['bogus', '', 'mqtt-default,max-packet-size']) {
      const dir = join(root, `bad-${spec.length}`);
      const result = await runCli(['mosquitto-config', dir, '--defenses', spec]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('--defenses');
      if (spec) expect(result.stderr).toContain(spec.split(',').at(-1)!);
      expect(() => readdirSync(dir)).toThrow();
    }
  });
});
