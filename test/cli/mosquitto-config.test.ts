import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPasswordLine } from '../../simulator/mosquitto/password-file.js';
import { expectRefused, runCli } from './run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'smarthome-sim-mosquitto-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('smarthome-sim mosquitto-config', () => {
  it('writes conf, password file, ACL and credentials for the town of --homes and --seed', async () => {
    const dir = join(root, 'town');
    const result = await runCli(['mosquitto-config', dir, '--homes', '4', '--port', '18830']);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['credentials.json', 'mosquitto.acl', 'mosquitto.conf', 'mosquitto.passwd']);
    const credentials = JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')) as Array<{ kind: string; username: string; password: string; homeIds: string[] }>;
    expect(credentials.filter((c) => c.kind === 'account').map((c) => c.homeIds)).toEqual([['home-00001'], ['home-00002'], ['home-00003'], ['home-00004']]);
    expect(statSync(join(dir, 'credentials.json')).mode & 0o777).toBe(0o600);
    const passwd = readFileSync(join(dir, 'mosquitto.passwd'), 'utf8').trim().split('\n');
    expect(passwd).toHaveLength(credentials.length);
    credentials.forEach((c, i) => expect(verifyPasswordLine(passwd[i]!, c.password), c.username).toBe(true));
    expect(readFileSync(join(dir, 'mosquitto.conf'), 'utf8')).toMatch(/^listener 18830 127\.0\.0\.1$/m);
    expect(readFileSync(join(dir, 'mosquitto.acl'), 'utf8')).toMatch(/^user resident00004@mail\.example\ntopic read homes\/home-00004\/#$/m);
  });

  it('refuses a DIR that holds one of its files, and writes nothing', async () => {
    const dir = mkdtempSync(join(root, 'taken-'));
    writeFileSync(join(dir, 'mosquitto.acl'), 'mine');
    const result = await runCli(['mosquitto-config', dir]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('mosquitto.acl');
    expect(readdirSync(dir)).toEqual(['mosquitto.acl']);
    expect(readFileSync(join(dir, 'mosquitto.acl'), 'utf8')).toBe('mine');
  });

  for (const { args, mentions } of [
    { args: ['--port', '0'], mentions: ['--port', '0'] },
    { args: ['--homes', 'many'], mentions: ['--homes', 'many'] },
    { args: ['--max-packet-size', '5'], mentions: ['--max-packet-size', '5'] },
  ]) {
    it(`${args.join(' ')} → exit 2 naming ${mentions.join(' and ')}, nothing written`, async () => {
      const dir = mkdtempSync(join(root, 'bad-'));
      expectRefused(await runCli(['mosquitto-config', join(dir, 'out'), ...args]), mentions, dir);
    });
  }

  it('a DIR that is a file → exit 2', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    const result = await runCli(['mosquitto-config', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a file');
  });
});
