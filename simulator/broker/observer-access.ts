import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The observer role: the classroom dashboard watches the whole town and changes nothing.
 * It may subscribe to any filter outside `$` topics and receives every home's messages; it
 * may publish nothing (least privilege, OWASP ASVS 4.0.3 §4.1.3: a watcher needs read only).
 * Its login is `observer:{name}` with a 128-bit secret from node:crypto made once per start,
 * so it is never derived from the seed (DESIGN.md principle 6), and a broker never asked to
 * enable it (run, sweep, serve) accepts no observer at all. Owners' tenant isolation is
 * untouched: the ACL still decides for accounts, and an owner's token is no observer secret.
 */

export const OBSERVER_PREFIX = 'observer:';
export const OBSERVER_PUBLISH_REFUSED = 'observers are read-only';
/** 128 bits, as the broker's service secrets. */
const OBSERVER_SECRET_BYTES = 16;

export function observerSecret(): string {
  return randomBytes(OBSERVER_SECRET_BYTES).toString('hex');
}

/** Whole town, but not the broker's own `$SYS` tree (the service principals' only; '#' never matches `$` topics, MQTT-4.7.2-1). */
export function observerMaySubscribe(filter: string): string | undefined {
  return filter.startsWith('$') ? '$-topics are reserved' : undefined;
}

/** Constant-time comparison of two secrets of any length. */
export function secretsEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
