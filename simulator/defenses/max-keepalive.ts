import { z } from 'zod';
import type { BrokerPolicy, ConnectAttempt } from '../broker/policy.js';
import { defineDefense } from './defense.js';
import { count } from './fields.js';

/** MQTT 3.1.1 §3.1.2.10: the server closes a connection it has heard nothing from for 1.5 keepalive periods. */
export const KEEPALIVE_GRACE_FACTOR = 1.5;

/**
 * A bound on how long a connection may stay open and silent: the SlowITe variant that a
 * CONNECT timeout does not stop (a complete CONNECT declaring keepalive 65,535 s, 18 h,
 * or 0, "never check me", then silence; Vaccari et al., Sensors 20(10), 2020).
 *
 * - A CONNECT declaring more than `maxKeepaliveS` gets CONNACK 2 (identifier rejected), as
 *   Mosquitto 2.0's `max_keepalive` documents for v3.1.1 clients (mosquitto.conf(5)).
 * - An accepted connection is closed, in virtual time, after 1.5 × its keepalive without a
 *   packet (§3.1.2.10). Keepalive 0 is not refused: it is held to the broker's own bound,
 *   1.5 × `maxKeepaliveS`, the way an MQTT 5 broker answers 0 with a Server Keep Alive
 *   (Mosquitto sends max_keepalive). A v3.1.1 client cannot be told, so it is simply closed.
 *
 * Only connections with a remote address (a live socket, or the simulated address an
 * attacker's link was given) are bound. The town's own devices and apps connect in-process
 * with no address and keepalive 0, because their pings would need virtual timers that
 * mqtt.js does not have (DESIGN pitfalls); binding them would close every idle device.
 * Direct links send no CONNECT and declare no keepalive, so they are not bound either.
 */
export const maxKeepalive = defineDefense({
  name: 'max-keepalive',
  layer: 'broker',
  models:
    'Mosquitto 2.0 max_keepalive (mosquitto.conf(5); CONNACK 2 for a v3.1.1 client over it); MQTT 3.1.1 §3.1.2.10 (close after 1.5 × keepalive of silence); aedes keepaliveLimit; NIST SP 800-53 Rev. 5 SC-10 (network disconnect) and SC-5',
  // count(): coerced, so `--set max-keepalive.maxKeepaliveS=300` reaches it as a number.
  schema: z.strictObject({ maxKeepaliveS: count(1, 65_535) }),
  // AWS IoT Core's documented keepalive ceiling (AWS IoT Core quotas, "Keep-alive period": 30-1200 s).
  defaults: { maxKeepaliveS: 1200 },
  detects: [
    { event: 'broker.connect-refused', when: (e) => e.reason.startsWith('max-keepalive') },
    { event: 'broker.keepalive-expired' },
  ],
  create(_env, params) {
    let refused = 0;
    const bound = (attempt: ConnectAttempt) => attempt.remoteAddress !== undefined && attempt.keepaliveS !== undefined;
    const reason = `max-keepalive: keepalive over ${params.maxKeepaliveS} s`;
    const broker: BrokerPolicy = {
      name: 'max-keepalive',
      beforeConnect(attempt) {
        if (!bound(attempt) || attempt.keepaliveS! <= params.maxKeepaliveS) return undefined;
        refused++;
        return { reason, returnCode: 2 };
      },
      silenceLimitMs(attempt) {
        if (!bound(attempt)) return undefined;
        const keepaliveS = attempt.keepaliveS === 0 ? params.maxKeepaliveS : attempt.keepaliveS!;
        return keepaliveS * KEEPALIVE_GRACE_FACTOR * 1000;
      },
    };
    return { name: 'max-keepalive', broker, stats: () => ({ refused }) };
  },
});
