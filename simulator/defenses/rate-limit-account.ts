import { z } from 'zod';
import { HOUR_MS } from '../core/duration.js';
import { defineDefense } from './defense.js';
import { count, durationMs } from './fields.js';
import { limiterDefense } from './rate-limit-ip.js';

/**
 * `rate-limit-account`: at most `limit` login attempts per target account per sliding
 * `windowMs`, whatever IP they come from.
 *
 * Models OWASP ASVS 4.0.3 §2.2.1 ("no more than 100 failed attempts per hour is possible on
 * a single account") and NIST SP 800-63B §5.2.2 (rate limiting per subscriber account). We
 * count every attempt, not only failures: stricter, and no real owner logs in 100 times an hour.
 *
 * Only existing accounts are tracked: refusing an attempt on an unknown e-mail answers
 * 'denied' with the hash latency, exactly what the password check would have answered, so
 * tracking them would change nothing a client can see and cost memory per guessed e-mail.
 * Against credential stuffing (each account tried about once) this limit rarely fires: that
 * is a finding, not a bug. Cost to real users: an attacker hammering an account blocks its
 * owner for the rest of the window (the lockout-DoS trade-off, milder than lockout).
 */
export const rateLimitAccount = defineDefense({
  name: 'rate-limit-account',
  layer: 'login',
  models: 'OWASP ASVS 4.0.3 §2.2.1 (≤ 100 failed attempts per hour per account); NIST SP 800-63B §5.2.2',
  schema: z.object({ limit: count(1, 100_000), windowMs: durationMs() }),
  defaults: {
    /** ASVS 4.0.3 §2.2.1: no more than 100 failed attempts per hour on a single account. */
    limit: 100,
    windowMs: HOUR_MS,
  },
  detects: [{ event: 'defense.rate-limited', metric: 'detections.rateLimited', when: (e) => e.defense === 'rate-limit-account' }],
  create(env, params) {
    return limiterDefense('rate-limit-account', params, env.world.log, (ctx) => ctx.account?.index ?? -1, (ctx) => ctx.account!.id);
  },
});
