import { z } from 'zod';
import type { BrokerPolicy } from '../broker/policy.js';
import { describePrincipal } from '../broker/principal.js';
import { MINUTE_MS } from '../core/duration.js';
import { defineDefense } from './defense.js';
import { count } from './fields.js';

/**
 * Two broker-layer limits against floods (NIST SP 800-53 Rev. 5 SC-5, denial-of-service
 * protection: "restrict the ability of individuals to launch denial-of-service attacks
 * against other systems"; "manage capacity"). Off unless named; `mqtt-hardened` has both.
 */

/**
 * At most `maxPerPrincipal` live connections per principal (an account, a device): a flood
 * of CONNECTs from one customer ends at the cap with CONNACK 5 (Mosquitto's
 * `max_connections` is the broker-wide form; the aedes `preConnect`/`authenticate` hooks
 * are where a per-client form goes). Default 10: an owner's phones and tablets, with room.
 */
export const connectionCap = defineDefense({
  name: 'connection-cap',
  layer: 'broker',
  models: 'NIST SP 800-53 Rev. 5 SC-5; Mosquitto max_connections (broker-wide), applied per principal through the aedes authenticate hook',
  schema: z.strictObject({ maxPerPrincipal: count(1, 10_000) }),
  // A household's apps: a few phones and tablets (Ring allows shared users their own logins); 10 leaves room.
  defaults: { maxPerPrincipal: 10 },
  create(_env, params) {
    let refused = 0;
    const broker: BrokerPolicy = {
      name: 'connection-cap',
      authorizeConnect(principal, _facts, live) {
        if (principal.kind === 'service' || live.ofPrincipal(principal) < params.maxPerPrincipal) return undefined;
        refused++;
        return { reason: `connection-cap: ${params.maxPerPrincipal} connections already open`, returnCode: 5 };
      },
    };
    return { name: 'connection-cap', broker, stats: () => ({ refused }) };
  },
});

/**
 * At most `maxPerMinute` PUBLISHes per principal per minute of the world's clock (a fixed
 * window); the next is refused, and aedes closes a client whose publish is refused. A
 * doorbell sends a few an hour, an app a few a visit; 600 a minute is far above either
 * (HiveMQ's and EMQX's per-client publish throttles work the same way).
 */
export const publishRateLimit = defineDefense({
  name: 'publish-rate-limit',
  layer: 'broker',
  models: 'NIST SP 800-53 Rev. 5 SC-5; the aedes authorizePublish hook; EMQX/HiveMQ per-client message-rate limits',
  schema: z.strictObject({ maxPerMinute: count(1, 1_000_000) }),
  // Doorbell status every few minutes plus events; an app's commands per visit: far below 600/min.
  defaults: { maxPerMinute: 600 },
  create(env, params) {
    let refused = 0;
    const windows = new Map<string, { startMs: number; count: number }>();
    const broker: BrokerPolicy = {
      name: 'publish-rate-limit',
      authorizePublish(principal) {
        if (principal.kind === 'service') return undefined;
        const now = env.world.now();
        const key = describePrincipal(principal);
        let w = windows.get(key);
        if (!w || now - w.startMs >= MINUTE_MS) windows.set(key, (w = { startMs: now, count: 0 }));
        if (++w.count <= params.maxPerMinute) return undefined;
        refused++;
        return `more than ${params.maxPerMinute} publishes a minute`;
      },
    };
    return { name: 'publish-rate-limit', broker, stats: () => ({ refused }) };
  },
});
