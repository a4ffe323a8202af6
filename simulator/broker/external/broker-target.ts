import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { InputError } from '../../runner/input-error.js';

/** Where a run's links go instead of the in-process aedes (`--broker`), and with which passwords. */
export interface ExternalBrokerTarget {
  /** mqtt://HOST:PORT, checked by brokerUrl(). */
  url: string;
  /** Password by user name on that broker (mosquitto-config's credentials.json). */
  passwords: ReadonlyMap<string, string>;
}

/** The port MQTT brokers listen on when a URL names none (IANA, "mqtt", 1883/tcp). */
export const MQTT_DEFAULT_PORT = 1883;

/** 127.0.0.0/8, ::1 and localhost: the only hosts a run talks to unless the user names another. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/**
 * Checks `--broker`: an mqtt:// URL with a host and at most a port, nothing else (credentials
 * come from --broker-credentials, never a URL that ends up in shell history). A host off
 * loopback is refused unless `--allow-remote-broker` names exactly that host: the attack
 * scenarios speak to whatever broker the run uses, and they must only ever reach one the
 * user chose (DESIGN.md, "Safe").
 */
export function brokerUrl(value: string, allowRemoteHost?: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`--broker: expected mqtt://HOST:PORT, got "${value}"`);
  }
  if (url.protocol !== 'mqtt:') throw new InputError(`--broker: only mqtt:// (MQTT 3.1.1 over TCP) is supported, got "${value}"`);
  if (url.hostname === '') throw new InputError(`--broker: no host in "${value}"`);
  if (url.username !== '' || url.password !== '') throw new InputError(`--broker: put no user name or password in the URL (got "${value}"); they come from --broker-credentials`);
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') throw new InputError(`--broker: expected mqtt://HOST:PORT with no path or query, got "${value}"`);
  const host = url.hostname;
  if (!isLoopbackHost(host) && allowRemoteHost !== host.replace(/^\[|\]$/g, '')) {
    throw new InputError(`--broker: "${value}" is not a loopback broker; attacks would reach it too. Pass --allow-remote-broker ${host.replace(/^\[|\]$/g, '')} if it is yours`);
  }
  return `mqtt://${url.host.includes(':') ? url.host : `${url.host}:${MQTT_DEFAULT_PORT}`}`;
}

const CREDENTIALS_SCHEMA = z.array(z.object({ username: z.string().min(1), password: z.string().min(1) }).passthrough()).min(1);

/** Reads mosquitto-config's credentials.json: every user's plain password on the external broker. */
export function readBrokerCredentials(path: string | undefined): Map<string, string> {
  if (path === undefined) throw new InputError('--broker-credentials: required with --broker (the credentials.json that smarthome-sim mosquitto-config wrote)');
  if (!existsSync(path)) throw new InputError(`--broker-credentials: no file "${path}"`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`--broker-credentials: "${path}" is not JSON (${(error as Error).message})`);
  }
  const result = CREDENTIALS_SCHEMA.safeParse(parsed);
  if (!result.success) throw new InputError(`--broker-credentials: "${path}" is not a list of {username, password} (${result.error.issues[0]?.message ?? 'invalid'})`);
  return new Map(result.data.map((c) => [c.username, c.password]));
}

/** --broker, --broker-credentials and --allow-remote-broker together; undefined without --broker. */
export function externalBrokerTarget(flags: { broker?: string; credentials?: string; allowRemote?: string }): ExternalBrokerTarget | undefined {
  if (flags.broker === undefined) {
    if (flags.credentials !== undefined) throw new InputError(`--broker-credentials: only with --broker (got "${flags.credentials}")`);
    if (flags.allowRemote !== undefined) throw new InputError(`--allow-remote-broker: only with --broker (got "${flags.allowRemote}")`);
    return undefined;
  }
  return { url: brokerUrl(flags.broker, flags.allowRemote), passwords: readBrokerCredentials(flags.credentials) };
}
