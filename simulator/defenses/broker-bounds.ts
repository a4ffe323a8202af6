import { z } from 'zod';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_CONNECT_BYTES, DEFAULT_MAX_PACKET_BYTES } from '../broker/listeners.js';
import type { BrokerPolicy } from '../broker/policy.js';
import { sysTopicsClosedPolicy } from '../broker/sys-topics.js';
import { MINUTE_MS } from '../core/duration.js';
import { defineDefense } from './defense.js';
import { count } from './fields.js';

/**
 * The broker's bounds on who may connect how often, how big a packet may be, how long a
 * CONNECT may take, and who may read `$SYS` (NIST SP 800-53 Rev. 5 SC-5, denial-of-service
 * protection, and AC-3, access enforcement). The three the broker already had hard-wired
 * (the live listeners' packet and CONNECT bounds, `$SYS` closed) are on by default with
 * today's values, so nothing changes; `mqtt-default` takes them off to measure aedes' own
 * defaults. connect-rate-limit is new, and off unless named (`mqtt-hardened` has it).
 */

/**
 * At most `maxConnects` CONNECTs from one source address per `windowMs` of the world's clock
 * (a fixed window), counted before any credential is looked at, good password or not: the
 * next one gets CONNACK 5. This is the aedes `preConnect` hook's job (it sees the socket
 * before authentication); it runs in the authenticate path so the refusal is a CONNACK.
 * Mosquitto has no per-address connect limit built in (its `max_connections` is broker-wide);
 * operators put one in front of it (iptables `hashlimit`, fail2ban). Actors without a
 * simulated address (the town's devices and apps, which connect in-process) are not counted.
 */
export const connectRateLimit = defineDefense({
  name: 'connect-rate-limit',
  layer: 'broker',
  models:
    'NIST SP 800-53 Rev. 5 SC-5 (denial-of-service protection); the aedes preConnect hook (per-socket, before authentication); not built into Mosquitto 2.0 (max_connections is broker-wide), so a firewall rate limit in front of it',
  schema: z.strictObject({ maxConnects: count(1, 100_000), windowMs: count(1_000, 86_400_000) }),
  // An assumption, not a measurement: one home's NAT address carries its doorbells and a few
  // phones, which reconnect together after a router reboot (a dozen CONNECTs); 30 a minute leaves room.
  defaults: { maxConnects: 30, windowMs: MINUTE_MS },
  detects: [{ event: 'broker.connect-refused', when: (e) => e.reason.startsWith('connect-rate-limit') }],
  create(env, params) {
    let refused = 0;
    const windows = new Map<string, { startMs: number; count: number }>();
    const reason = `connect-rate-limit: more than ${params.maxConnects} connects from this address in ${params.windowMs / 1000} s`;
    const broker: BrokerPolicy = {
      name: 'connect-rate-limit',
      beforeConnect({ remoteAddress }) {
        if (remoteAddress === undefined) return undefined;
        const now = env.world.now();
        let w = windows.get(remoteAddress);
        if (!w || now - w.startMs >= params.windowMs) windows.set(remoteAddress, (w = { startMs: now, count: 0 }));
        if (++w.count <= params.maxConnects) return undefined;
        refused++;
        return { reason, returnCode: 5 };
      },
    };
    return { name: 'connect-rate-limit', broker, stats: () => ({ refused }) };
  },
});

/**
 * Mosquitto's `max_packet_size`: a packet (fixed header included) bigger than this drops
 * the connection as soon as its header announces the size, before the body is buffered;
 * the first packet (the CONNECT, sent before authentication) has its own, tighter bound.
 * The defaults are the live listeners' (listeners.ts, where their sources are cited). aedes
 * has no limit at all: its parser buffers whatever the remaining length announces.
 */
export const maxPacketSize = defineDefense({
  name: 'max-packet-size',
  layer: 'broker',
  models: 'Mosquitto max_packet_size (mosquitto.conf(5)); RabbitMQ mqtt.max_packet_size_unauthenticated for the CONNECT; NIST SP 800-53 Rev. 5 SC-5',
  onByDefault: true,
  schema: z.strictObject({ maxPacketBytes: count(2, 268_435_455), maxConnectBytes: count(14, 268_435_455) }),
  defaults: { maxPacketBytes: DEFAULT_MAX_PACKET_BYTES, maxConnectBytes: DEFAULT_MAX_CONNECT_BYTES },
  detects: [{ event: 'broker.stream-refused', when: (e) => e.reason !== 'connect-timeout' }],
  create: (_env, params) => ({ name: 'max-packet-size', broker: { name: 'max-packet-size', streamLimits: { ...params } }, stats: () => ({}) }),
});

/**
 * A connection whose whole CONNECT has not arrived within `connectTimeoutMs` is closed: the
 * defence against SlowITe (Vaccari et al., Sensors 20(10), 2020), which holds connections
 * open with half a CONNECT. aedes has this as its `connectTimeout` option (30 s by default);
 * Mosquitto 2.0 has no CONNECT timeout (a half-open connection waits for the keepalive it
 * never declared). The default is the live listeners' 10 s (listeners.ts).
 */
export const connectTimeout = defineDefense({
  name: 'connect-timeout',
  layer: 'broker',
  models: 'aedes connectTimeout option; NIST SP 800-53 Rev. 5 SC-5 and SC-10 (network disconnect); not available in Mosquitto 2.0',
  onByDefault: true,
  schema: z.strictObject({ connectTimeoutMs: count(100, 3_600_000) }),
  defaults: { connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS },
  detects: [{ event: 'broker.stream-refused', when: (e) => e.reason === 'connect-timeout' }],
  create: (_env, params) => ({ name: 'connect-timeout', broker: { name: 'connect-timeout', streamLimits: { connectTimeoutMs: params.connectTimeoutMs } }, stats: () => ({}) }),
});

/**
 * `$SYS/#` is the broker's and in-process services' only (simulator/broker/sys-topics.ts):
 * refused to every device, owner and observer. aedes grants it to anyone and publishes the
 * client id of every new connection there; Mosquitto's `sys_interval 0` publishes no $SYS tree.
 */
export const sysTopicsClosed = defineDefense({
  name: 'sys-topics-closed',
  layer: 'broker',
  models: 'NIST SP 800-53 Rev. 5 AC-3 (access enforcement) on the broker\u2019s own topics; Mosquitto sys_interval 0 and no acl_file grant on $SYS; aedes authorizeSubscribe',
  onByDefault: true,
  schema: z.strictObject({}),
  defaults: {},
  create: () => ({ name: 'sys-topics-closed', broker: sysTopicsClosedPolicy, stats: () => ({}) }),
});
