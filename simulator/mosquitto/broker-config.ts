import { DEFAULT_HOST, DEFAULT_MAX_PACKET_BYTES } from '../broker/listeners.js';

/** What the generated mosquitto.conf needs to know; every limit defaults to the simulator's own. */
export interface MosquittoConfOptions {
  port: number;
  passwordFile: string;
  /** Undefined: no acl_file, so any logged-in client reads and writes everything (the `no-topic-acl` profile). */
  aclFile: string | undefined;
  /** Defaults to the simulator's listener cap, DEFAULT_MAX_PACKET_BYTES (listeners.ts); null: no max_packet_size line (max-packet-size off). */
  maxPacketSizeBytes?: number | null;
  /** `sys_interval` (0: no $SYS tree, the sys-topics-closed switch); undefined: no line, as before --defenses. */
  sysInterval?: number;
  /** `max_keepalive` (the max-keepalive switch's maxKeepaliveS); undefined: MAX_KEEPALIVE_S, as before. */
  maxKeepaliveS?: number;
  /** Comment lines for switches Mosquitto cannot express (broker-switches.ts). */
  notes?: readonly string[];
}

/**
 * Mosquitto's queue bound per client (its default is 1000 and drops past it, DESIGN.md's
 * pitfall); aedes queues without bound, so a deep one keeps the two comparable.
 */
export const MAX_QUEUED_MESSAGES = 100_000;
/** The simulator's devices and apps connect with keepalive 0; Mosquitto caps what it grants at this. */
export const MAX_KEEPALIVE_S = 65_535;

/**
 * mosquitto.conf(5) equivalent to the simulator's hardened broker, line by line:
 * - `listener PORT 127.0.0.1`: loopback only, as every simulator listener by default.
 * - `allow_anonymous false` + `password_file`: no anonymous CONNECT (principal-resolver.ts).
 * - `acl_file`: the tenant ACL (tenant-acl.ts), see acl-file in tenants.ts.
 * - `use_username_as_clientid true`: the client id is bound to the principal, so reusing a
 *   device's id knocks nobody offline (principal-resolver.ts refuses it with CONNACK 2; here
 *   the id is replaced instead).
 * - `max_packet_size`: the listener's packet cap (listeners.ts, DEFAULT_MAX_PACKET_BYTES).
 * - `persistence false`: the simulator's broker keeps sessions in memory only.
 * Not expressible in Mosquitto 2.0: the tighter cap on the first packet (64 KiB before
 * authentication) and the 10 s CONNECT timeout; docs/mosquitto.md lists the differences.
 */
export function mosquittoConf(options: MosquittoConfOptions): string {
  const maxPacket = options.maxPacketSizeBytes === null ? undefined : (options.maxPacketSizeBytes ?? DEFAULT_MAX_PACKET_BYTES);
  return [
    '# smarthome-sim mosquitto-config: Mosquitto 2.0 with the simulator\'s tenant policy and hardening (docs/mosquitto.md).',
    'per_listener_settings false',
    `listener ${options.port} ${DEFAULT_HOST}`,
    'protocol mqtt',
    'allow_anonymous false',
    `password_file ${options.passwordFile}`,
    ...(options.aclFile === undefined ? ['# no acl_file: every logged-in client may read and write every topic (no-topic-acl)'] : [`acl_file ${options.aclFile}`]),
    'use_username_as_clientid true',
    ...(maxPacket === undefined ? ['# no max_packet_size: any packet size up to the protocol\'s 256 MiB (max-packet-size off)'] : [`max_packet_size ${maxPacket}`]),
    ...(options.sysInterval === undefined ? [] : [`sys_interval ${options.sysInterval}`]),
    ...(options.notes ?? []),
    `max_keepalive ${options.maxKeepaliveS ?? MAX_KEEPALIVE_S}`,
    `max_queued_messages ${MAX_QUEUED_MESSAGES}`,
    'persistence false',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    '',
  ].join('\n');
}
