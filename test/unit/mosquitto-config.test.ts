import { describe, expect, it } from 'vitest';
import { mosquittoConfigSet } from '../../simulator/mosquitto/config-set.js';
import { passwordLine, verifyPasswordLine } from '../../simulator/mosquitto/password-file.js';
import { aclFile } from '../../simulator/mosquitto/tenants.js';

/** Written by Debian's `mosquitto_passwd -c -b FILE dev1 secret` (Mosquitto 2.0.11). */
const FROM_MOSQUITTO_PASSWD = 'dev1:$7$101$3ZEhNn6G8lP9JVvG$8RwaR+TTTsYx7ipixr+jCkA4ncrTTd8+2O+lSzguM2a68TMK3FRqq8PXLYQL3clpROc7lPzB5u7/49dBwEbxlQ==';

describe('the Mosquitto config generator', () => {
  it('hashes a password exactly as mosquitto_passwd does ($7$, PBKDF2-SHA512, 101 rounds, 12-byte salt)', () => {
    expect(passwordLine('dev1', 'secret', Buffer.from('3ZEhNn6G8lP9JVvG', 'base64'))).toBe(FROM_MOSQUITTO_PASSWD);
    expect(verifyPasswordLine(FROM_MOSQUITTO_PASSWD, 'secret')).toBe(true);
    expect(verifyPasswordLine(FROM_MOSQUITTO_PASSWD, 'Secret')).toBe(false);
  });

  it('refuses user names that would break the file (colon, space, leading #)', () => {
    for (const bad of ['a:b', 'a b', '#x', '']) expect(() => passwordLine(bad, 'p')).toThrow(/cannot|empty/);
  });

  it('grants each device its own four topics and each account its homes, and nothing else', () => {
    const acl = aclFile({ devices: [{ deviceId: 'db-1', homeId: 'home-1' }], accounts: [{ username: 'a@x.test', homeIds: ['home-1', 'home-9'] }] });
    const rules = acl.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(rules).toEqual([
      'user db-1',
      'topic read homes/home-1/devices/db-1/commands',
      'topic write homes/home-1/devices/db-1/events',
      'topic write homes/home-1/devices/db-1/status',
      'topic write homes/home-1/devices/db-1/media',
      'user a@x.test',
      'topic read homes/home-1/#',
      'topic write homes/home-1/devices/+/commands',
      'topic read homes/home-9/#',
      'topic write homes/home-9/devices/+/commands',
    ]);
    expect(acl).not.toMatch(/^pattern/m); // see tenants.ts: a pattern cannot name the home
  });

  it('refuses ids with wildcards or slashes, which would widen a rule', () => {
    expect(() => aclFile({ devices: [{ deviceId: 'db+', homeId: 'h' }], accounts: [] })).toThrow(/plain topic level/);
    expect(() => aclFile({ devices: [{ deviceId: 'd', homeId: 'h/#' }], accounts: [] })).toThrow(/plain topic level/);
  });

  it('gives every client a distinct random password and hashes each into the password file', () => {
    const set = mosquittoConfigSet('/tmp/x', { devices: [{ deviceId: 'db-1', homeId: 'h1' }, { deviceId: 'db-2', homeId: 'h2' }], accounts: [{ username: 'a@x.test', homeIds: ['h1'] }] }, { port: 1883 });
    const passwords = set.credentials.map((c) => c.password);
    expect(new Set(passwords).size).toBe(3);
    const passwd = set.files.find((f) => f.path.endsWith('mosquitto.passwd'))!.contents.trim().split('\n');
    set.credentials.forEach((c, i) => expect(verifyPasswordLine(passwd[i]!, c.password)).toBe(true));
    const conf = set.files.find((f) => f.path.endsWith('mosquitto.conf'))!.contents;
    expect(conf).toMatch(/^listener 1883 127\.0\.0\.1$/m);
    expect(conf).toMatch(/^allow_anonymous false$/m);
    expect(conf).toMatch(/^acl_file \/tmp\/x\/mosquitto\.acl$/m);
  });
});
