import type { ConfiguredDefense } from '../defenses/catalog.js';

/**
 * What the broker-layer defences of a `--defenses` spec become in mosquitto.conf, where
 * Mosquitto 2.0 has an equivalent, and a comment line saying so where it has none. Each
 * switch's own docs say what it models (docs/defenses.md, "Broker bounds").
 */
export interface MosquittoSwitches {
  /** tenant-acl: name the acl_file in the conf. */
  topicAcl: boolean;
  /** max-packet-size: its maxPacketBytes; undefined: no max_packet_size line (Mosquitto's default, no limit). */
  maxPacketSizeBytes: number | undefined;
  /** sys-topics-closed: `sys_interval 0` (no $SYS tree published); off: Mosquitto's default 10 s. */
  sysInterval: number;
  /** max-keepalive: its maxKeepaliveS as `max_keepalive N`; undefined: the conf's usual 65535. */
  maxKeepaliveS: number | undefined;
  /** One `#` line per switch Mosquitto cannot express, or expresses differently. */
  notes: string[];
}

/** Mosquitto's own default sys_interval (mosquitto.conf(5)): $SYS updated every 10 s. */
const MOSQUITTO_DEFAULT_SYS_INTERVAL_S = 10;

export function mosquittoSwitches(defenses: readonly ConfiguredDefense[]): MosquittoSwitches {
  const on = new Map(defenses.map((d) => [d.name as string, d.params as Record<string, unknown>]));
  const notes: string[] = [];
  if (!on.has('unique-device-credentials')) notes.push('# unique-device-credentials off: Mosquitto still gets one password per device here (no shared factory default is written)');
  if (!on.has('client-id-binding')) notes.push('# client-id-binding off: use_username_as_clientid stays on (Mosquitto has no way to let a reused id close its holder per principal)');
  if (on.has('connection-cap')) notes.push(`# connection-cap ${String(on.get('connection-cap')!.maxPerPrincipal)} per principal: Mosquitto has only the broker-wide max_connections`);
  if (on.has('publish-rate-limit')) notes.push('# publish-rate-limit: no Mosquitto 2.0 equivalent (a plugin would be needed)');
  if (on.has('connect-rate-limit')) notes.push('# connect-rate-limit: no Mosquitto 2.0 equivalent; rate-limit CONNECTs per address in front of it (iptables hashlimit, fail2ban)');
  if (on.has('connect-timeout')) notes.push('# connect-timeout: no Mosquitto 2.0 equivalent (a half-open CONNECT is held; aedes has connectTimeout)');
  const keepalive = on.get('max-keepalive');
  if (keepalive) {
    // Measured 2026-12-04 against Debian's mosquitto 2.0.11 (docs/broker-bounds.md, "max-keepalive").
    notes.push('# max-keepalive: Debian\'s Mosquitto 2.0.11 applies max_keepalive to MQTT 5 clients only: a v3.1.1 CONNECT over it is still accepted (CONNACK 0), and keepalive 0 is never closed');
  }
  const packet = on.get('max-packet-size');
  return {
    topicAcl: on.has('tenant-acl'),
    maxPacketSizeBytes: packet ? (packet.maxPacketBytes as number) : undefined,
    sysInterval: on.has('sys-topics-closed') ? 0 : MOSQUITTO_DEFAULT_SYS_INTERVAL_S,
    maxKeepaliveS: keepalive ? (keepalive.maxKeepaliveS as number) : undefined,
    notes,
  };
}
