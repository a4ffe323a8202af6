import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { mosquittoConf } from './broker-config.js';
import { passwordFile } from './password-file.js';
import { aclFile, type MosquittoTenants } from './tenants.js';

/** The files `mosquitto-config DIR` writes, by name inside DIR, with the extension each must have. */
export const CONFIG_FILES = {
  conf: 'mosquitto.conf',
  passwords: 'mosquitto.passwd',
  acl: 'mosquitto.acl',
  credentials: 'credentials.json',
} as const;

/** One client's login on the generated broker (the plain password is only in credentials.json). */
export interface MosquittoCredential {
  kind: 'device' | 'account' | 'service';
  username: string;
  password: string;
  /** The device's home, or the account's homes. */
  homeIds: string[];
}

/** 16 bytes from node:crypto, as the simulator's live device secrets (secret-source.ts). */
export const SECRET_BYTES = 16;

export interface MosquittoConfigSet {
  files: Array<{ path: string; contents: string }>;
  credentials: MosquittoCredential[];
}

/**
 * Everything a Mosquitto needs to run the simulator's tenants: a fresh random password per
 * device and per account (never seeded: these are keys to a live listener, DESIGN.md
 * principle 6), the password file, the ACL, and a mosquitto.conf pointing at both by
 * absolute path. `topicAcl: false` leaves the ACL out of the conf, as the `no-topic-acl`
 * profile takes the tenant ACL off aedes.
 */
export function mosquittoConfigSet(dir: string, tenants: MosquittoTenants, options: { port: number; maxPacketSizeBytes?: number | null; topicAcl?: boolean; sysInterval?: number; maxKeepaliveS?: number; notes?: readonly string[] }, secret = () => randomBytes(SECRET_BYTES).toString('hex')): MosquittoConfigSet {
  const root = resolve(dir);
  const credentials: MosquittoCredential[] = [
    ...tenants.devices.map((d) => ({ kind: 'device' as const, username: d.deviceId, password: secret(), homeIds: [d.homeId] })),
    ...tenants.accounts.map((a) => ({ kind: 'account' as const, username: a.username, password: secret(), homeIds: [...a.homeIds] })),
    ...(tenants.services ?? []).map((s) => ({ kind: 'service' as const, username: s.username, password: secret(), homeIds: [] })),
  ];
  const path = (name: string) => join(root, name);
  const topicAcl = options.topicAcl ?? true;
  const conf = mosquittoConf({ port: options.port, passwordFile: path(CONFIG_FILES.passwords), aclFile: topicAcl ? path(CONFIG_FILES.acl) : undefined, maxPacketSizeBytes: options.maxPacketSizeBytes, sysInterval: options.sysInterval, ...(options.maxKeepaliveS === undefined ? {} : { maxKeepaliveS: options.maxKeepaliveS }), notes: options.notes });
  return {
    credentials,
    files: [
      { path: path(CONFIG_FILES.conf), contents: conf },
      { path: path(CONFIG_FILES.passwords), contents: passwordFile(credentials) },
      // Without the ACL the file is still written (for reading, and to switch it on by hand), just not named in the conf.
      { path: path(CONFIG_FILES.acl), contents: aclFile(tenants) },
      { path: path(CONFIG_FILES.credentials), contents: `[\n${credentials.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n]\n` },
    ],
  };
}
