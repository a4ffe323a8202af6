import { DEVICE_PUBLISH_CHANNELS, deviceTopic, homeFilter, isPlainLevel } from '../broker/topics.js';
import type { Cloud } from '../cloud/cloud.js';
import { BARRIER_PREFIX } from '../broker/external/external-link.js';

/** Who may log in to the generated Mosquitto, and which homes each one may reach. */
export interface MosquittoTenants {
  readonly devices: ReadonlyArray<{ readonly deviceId: string; readonly homeId: string }>;
  /** Owners (and anyone a home is shared with): user name = e-mail, as on aedes. */
  readonly accounts: ReadonlyArray<{ readonly username: string; readonly homeIds: readonly string[] }>;
  /** In-process services for `run --broker` (the ingest, the traffic meter): user name and the filters each reads. */
  readonly services?: ReadonlyArray<{ readonly username: string; readonly read: readonly string[] }>;
  /** `run --broker`'s settle barrier: every user reads and writes `sim/barrier/<own user name>` (external-link.ts). */
  readonly barrier?: boolean;
}

/** The tenants of a cloud as it stands: every registered device and every account. */
export function tenantsOfCloud(cloud: Cloud, homeIds: readonly string[]): MosquittoTenants {
  const devices = homeIds.flatMap((homeId) => cloud.devices.inHome(homeId).map((d) => ({ deviceId: d.deviceId, homeId: d.homeId })));
  const accounts = [...cloud.accounts.all()].map((a) => ({ username: a.email, homeIds: [...a.homeIds] }));
  return { devices, accounts };
}

/** A name Mosquitto's ACL and password files carry as one token. */
function checkName(what: string, name: string): void {
  if (name === '' || /[\s:]/.test(name) || name.startsWith('#')) throw new RangeError(`${what} ${JSON.stringify(name)} cannot be a Mosquitto user name`);
}

function checkLevel(what: string, level: string): void {
  if (!isPlainLevel(level) || level.includes('/') || /\s/.test(level)) throw new RangeError(`${what} ${JSON.stringify(level)} is not one plain topic level`);
}

/**
 * The tenant ACL (simulator/broker/tenant-acl.ts) as a Mosquitto acl_file, rule for rule: a
 * device reads its own commands and writes its own events, status and media; an account
 * reads everything under each of its homes and writes commands to that home's devices.
 * Nothing else is granted, so `#`, `+/#`, other homes and `$SYS/#` deliver nothing.
 *
 * Per-user `topic` lines, not `pattern` lines: a pattern can substitute only %u and %c, and
 * neither a device's user name (its id) nor an owner's (an e-mail) names the home, so the
 * nearest pattern, `homes/+/devices/%u/events`, would let a device write into another home's
 * tree. The file therefore has no pattern at all, and with it no CVE-2017-7650 surface (a
 * `+` or `#` in a user name or client id widening a pattern).
 */
export function aclFile(tenants: MosquittoTenants): string {
  const lines = ['# smarthome-sim mosquitto-config: the tenant ACL (simulator/broker/tenant-acl.ts), one user at a time.', '# Anything not granted here is denied, $SYS included.', ''];
  for (const { deviceId, homeId } of tenants.devices) {
    checkName('device id', deviceId);
    checkLevel('device id', deviceId);
    checkLevel('home id', homeId);
    lines.push(`user ${deviceId}`, `topic read ${deviceTopic(homeId, deviceId, 'commands')}`);
    for (const channel of DEVICE_PUBLISH_CHANNELS) lines.push(`topic write ${deviceTopic(homeId, deviceId, channel)}`);
    lines.push('');
  }
  for (const { username, homeIds } of tenants.accounts) {
    checkName('account user name', username);
    lines.push(`user ${username}`);
    for (const homeId of homeIds) {
      checkLevel('home id', homeId);
      lines.push(`topic read ${homeFilter(homeId)}`, `topic write homes/${homeId}/devices/+/commands`);
    }
    lines.push('');
  }
  for (const { username, read } of tenants.services ?? []) {
    checkName('service user name', username);
    lines.push(`user ${username}`, ...read.map((filter) => `topic read ${filter}`), '');
  }
  // The only pattern: %u is the user's own name, so it grants nothing under homes/ (and
  // Mosquitto >= 1.4.12 denies patterns to a user name holding + or #, CVE-2017-7650).
  if (tenants.barrier) lines.push('# run --broker: each client\'s own settle barrier (simulator/broker/external/external-link.ts).', `pattern readwrite ${BARRIER_PREFIX}%u`, '');
  return lines.join('\n');
}
