import { chmodSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_PACKET_BYTES } from '../../broker/listeners.js';
import { CONFIG_FILES, mosquittoConfigSet } from '../../mosquitto/config-set.js';
import { runTenants } from '../../mosquitto/run-tenants.js';
import { InputError } from '../../runner/input-error.js';
import { AUTO_DIRECT_ABOVE_HOMES } from '../../runner/simulation.js';
import { intFlag, parseFlags } from '../flags.js';
import { checkOutputPaths, writeOutputsAtomic } from '../output-files.js';
import { DEFAULT_TCP_PORT } from './serve.js';
import { DefenseSpecError, parseDefenses, type ConfiguredDefense } from '../../defenses/index.js';
import { mosquittoSwitches } from '../../mosquitto/broker-switches.js';
import { checkDefenseList } from '../../runner/defense-options.js';

/** `--defenses` as for run; a bad name or a clash is an InputError naming the flag and the value. */
function parseDefenseFlag(spec: string): ConfiguredDefense[] {
  checkDefenseList(spec);
  try {
    return parseDefenses(spec);
  } catch (error) {
    if (error instanceof DefenseSpecError) throw new InputError(`--defenses: ${error.message}`);
    throw error;
  }
}

export const MOSQUITTO_CONFIG_HELP = `Usage: smarthome-sim mosquitto-config DIR [options]

Writes a Mosquitto 2.0 configuration equivalent to the simulator's broker for one town:
  DIR/${CONFIG_FILES.conf}    listener on 127.0.0.1, no anonymous logins, client id = user name,
                      max_packet_size, and the two files below by absolute path
  DIR/${CONFIG_FILES.passwords}  a password per device and per owner ($7$ PBKDF2-SHA512, as mosquitto_passwd)
  DIR/${CONFIG_FILES.acl}     the tenant ACL: a device its own topics, an owner their homes' topics
  DIR/${CONFIG_FILES.credentials}   the plain passwords, for the clients (keep it private)
Passwords come from node:crypto, new on every call whatever the seed. Run it with:
  mosquitto -c DIR/${CONFIG_FILES.conf}
and the same town on it with:
  smarthome-sim run SCENARIO --seed S --homes N --broker mqtt://127.0.0.1:P --broker-credentials DIR/${CONFIG_FILES.credentials}

Options:
  --homes N             homes in the town, 1 to ${AUTO_DIRECT_ABOVE_HOMES} (default 20)
  --seed N              seed of the town: which homes and devices exist (default 1)
  --port P              the listener's port, 1 to 65535 (default ${DEFAULT_TCP_PORT})
  --max-packet-size B   Mosquitto's max_packet_size in bytes, 20 to 268435455 (default ${DEFAULT_MAX_PACKET_BYTES})
  --defenses SPEC       the broker-layer switches to mirror (as for run, e.g. mqtt-default, mqtt-hardened):
                        tenant-acl → acl_file, max-packet-size → max_packet_size, sys-topics-closed →
                        sys_interval 0; switches Mosquitto cannot express become # lines. Without it
                        the conf is the simulator's default broker, as before
  -h, --help            this text

Exit codes: 0 written, 2 bad input (DIR is a file, or one of the four files exists: nothing is written).`;

const FLAGS = {
  homes: { type: 'string' },
  seed: { type: 'string' },
  port: { type: 'string' },
  'max-packet-size': { type: 'string' },
  defenses: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** MQTT's remaining-length field tops out at 268,435,455 bytes; below ~20 not even a CONNECT fits. */
const MAX_MQTT_PACKET_BYTES = 268_435_455;

/** DIR must be a directory or not exist yet, and none of the files may be there already. */
function checkDirectory(dir: string): void {
  if (dir.trim() === '') throw new InputError('DIR: expected a directory path, got ""');
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new InputError(`DIR: "${dir}" is a file, not a directory`);
  for (const name of Object.values(CONFIG_FILES)) {
    if (existsSync(join(dir, name))) throw new InputError(`DIR: "${join(dir, name)}" exists already; give a new or empty directory (nothing was written)`);
  }
  checkOutputPaths(Object.entries(CONFIG_FILES).map(([flag, name]) => ({ flag: `DIR (${flag})`, path: join(dir, name), extension: name.slice(name.lastIndexOf('.')) })));
}

export async function mosquittoConfigCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, FLAGS);
  if (values.help) {
    console.log(MOSQUITTO_CONFIG_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new InputError(`DIR: expected one directory, got ${positionals.length === 0 ? 'none' : positionals.map((p) => `"${p}"`).join(' ')}`);
  const dir = positionals[0]!;
  const homes = intFlag('homes', values.homes, 1, AUTO_DIRECT_ABOVE_HOMES) ?? 20;
  const seed = intFlag('seed', values.seed, 0, Number.MAX_SAFE_INTEGER) ?? 1;
  const port = intFlag('port', values.port, 1, 65_535) ?? DEFAULT_TCP_PORT;
  const maxPacketSizeBytes = intFlag('max-packet-size', values['max-packet-size'], 20, MAX_MQTT_PACKET_BYTES);
  const switches = values.defenses === undefined ? undefined : mosquittoSwitches(parseDefenseFlag(values.defenses));
  checkDirectory(dir);

  // The town as a run of this seed builds it (the same homes, devices and owners' e-mails),
  // with the run's own services and barrier, so `run --broker` can use the same files.
  const set = mosquittoConfigSet(dir, await runTenants(seed, homes), switches
    ? { port, topicAcl: switches.topicAcl, maxPacketSizeBytes: maxPacketSizeBytes ?? switches.maxPacketSizeBytes ?? null, sysInterval: switches.sysInterval, ...(switches.maxKeepaliveS === undefined ? {} : { maxKeepaliveS: switches.maxKeepaliveS }), notes: switches.notes }
    : { port, maxPacketSizeBytes });
  writeOutputsAtomic(set.files);
  // The plain passwords are for the clients' owner alone (the password file holds only hashes,
  // and stays readable: Mosquitto started as root reads it as user mosquitto).
  chmodSync(join(dir, CONFIG_FILES.credentials), 0o600);
  const devices = set.credentials.filter((c) => c.kind === 'device').length;
  const owners = set.credentials.filter((c) => c.kind === 'account').length;
  console.log(`wrote ${set.files.map((f) => f.path).join(', ')}: ${devices} devices and ${owners} owners of ${homes} homes`);
  console.log(`run: mosquitto -c ${set.files[0]!.path}`);
  return 0;
}
