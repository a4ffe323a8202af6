import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gapMs } from './support/arrivals.js';
import { propTimeout } from './support/fc-config.js';
import { limiterProperty } from './support/limiter-property.js';
import { OffByOneLimiter } from './support/off-by-one-limiter.js';

/**
 * The suite can fail for a defence: INV-RATE-1's own property, run against a copy of the
 * window limiter with an off-by-one (support/off-by-one-limiter.ts), must find it and shrink
 * it to the smallest story that shows it — limit + 1 arrivals of one key inside one window.
 */
describe('the rate-limit property can fail', () => {
  test('INV-META-2: INV-RATE-1 finds an off-by-one window limiter and shrinks it to limit + 1 arrivals inside one window', () => {
    // No FC_PATH here: a replay path of another property means nothing to this one.
    const details = fc.check(limiterProperty((params) => new OffByOneLimiter(params)), { numRuns: 500, path: undefined });
    expect(details.failed, 'the property missed the off-by-one').toBe(true);
    const [params, arrivals] = details.counterexample!;
    let t = 0;
    const times = arrivals.map((a) => (t += gapMs(a, params.windowMs)));
    console.log(`shrunk counterexample: limit ${params.limit}, window ${params.windowMs} ms, arrivals at ${JSON.stringify(times)} (keys ${arrivals.map((a) => a.key)})`);
    expect(arrivals).toHaveLength(params.limit + 1);
    expect(new Set(arrivals.map((a) => a.key)).size, 'one key').toBe(1);
    expect(times[times.length - 1]! - times[0]!, 'all inside one window').toBeLessThan(params.windowMs);
    expect(params.limit, 'shrunk to the smallest limit').toBe(1);
    expect(String(details.errorInstance)).toContain('admissions within one window');
  }, propTimeout());
});
