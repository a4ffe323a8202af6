import { z } from 'zod';
import { DAY_MS } from '../core/duration.js';
import type { EventLog } from '../core/event-log.js';
import type { LoginContext, LoginStage } from '../cloud/login-pipeline.js';
import { defineDefense, denied } from './defense.js';
import { count, durationMs } from './fields.js';
import { REFUSED_FIRST, ADMITTED, SlidingWindowLimiter } from './window-limiter.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    /** A key (an IP, an account id) started being refused by a rate limit; one event per refusal episode. */
    'defense.rate-limited': { defense: string; key: string; untilMs: number };
  }
}

/**
 * `rate-limit-ip`: at most `limit` login attempts per source IP per sliding `windowMs`.
 *
 * Models OWASP ASVS 4.0.3 §2.2.1 (anti-automation: "rate limiting … IP address
 * restrictions") and the OWASP Credential Stuffing Prevention Cheat Sheet ("Defense in
 * Depth" / rate limiting by IP). Defaults from rate-limiter-flexible's published login
 * protection example (`maxWrongAttemptsByIPperDay = 100`, duration one day).
 *
 * Every attempt counts, right password or not; refused attempts do not (see
 * window-limiter.ts). A refusal is the generic 'denied' answer with the hash latency, so
 * the client cannot tell throttling from a wrong password. Cost to real users: owners
 * behind one shared address (carrier-grade NAT, an office) share one budget.
 */
export const rateLimitIp = defineDefense({
  name: 'rate-limit-ip',
  layer: 'login',
  models: 'OWASP ASVS 4.0.3 §2.2.1; OWASP Credential Stuffing Prevention Cheat Sheet (rate limiting by IP)',
  schema: z.object({ limit: count(1, 100_000), windowMs: durationMs() }),
  defaults: {
    /** rate-limiter-flexible wiki, "Login endpoint protection": 100 attempts per IP per day. */
    limit: 100,
    windowMs: DAY_MS,
  },
  detects: [{ event: 'defense.rate-limited', metric: 'detections.rateLimited', when: (e) => e.defense === 'rate-limit-ip' }],
  create(env, params) {
    return limiterDefense('rate-limit-ip', params, env.world.log, (ctx) => ctx.ipId, (ctx) => ctx.attempt.ip);
  },
});

/** Stats of a limiter-backed defence. */
export interface LimiterCounters {
  checked: number;
  blocked: number;
  episodes: number;
}

/**
 * A stage that refuses attempts whose key is over a sliding-window limit; shared by the IP
 * and the account rate limits. `keyOf` gives the key as a dense id (window-limiter.ts), or
 * -1 for attempts it does not limit; `labelOf` names the key in the log (the IP, the account id).
 */
export function limiterDefense(
  name: string,
  params: { limit: number; windowMs: number },
  log: EventLog,
  keyOf: (ctx: LoginContext) => number,
  labelOf: (ctx: LoginContext) => string,
) {
  const limiter = new SlidingWindowLimiter(params);
  const counters: LimiterCounters = { checked: 0, blocked: 0, episodes: 0 };
  const refusal = denied(name);
  const stage: LoginStage = {
    name,
    beforePassword(ctx) {
      const key = keyOf(ctx);
      if (key < 0) return undefined;
      counters.checked++;
      const result = limiter.consume(key, ctx.nowMs);
      if (result === ADMITTED) return undefined;
      counters.blocked++;
      if (result === REFUSED_FIRST) {
        counters.episodes++;
        log.emit('defense.rate-limited', { defense: name, key: labelOf(ctx), untilMs: limiter.nextAdmissionMs(key, ctx.nowMs) });
      }
      return refusal;
    },
  };
  return {
    name,
    login: stage,
    limiter,
    stats: () => ({ checked: counters.checked, blocked: counters.blocked, episodes: counters.episodes, trackedKeys: limiter.size }),
  };
}
