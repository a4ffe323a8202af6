import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { BrokerPrincipal } from '../../simulator/broker/principal.js';
import { TenantAcl } from '../../simulator/broker/tenant-acl.js';
import { DEVICE_CHANNELS, DEVICE_PUBLISH_CHANNELS, deviceTopic } from '../../simulator/broker/topics.js';
import { propTimeout, runs } from './support/fc-config.js';
import { filterArb, topicIsInHome, topicMatches } from './support/filters.js';
import { assertProperty } from './support/regressions.js';

const HOMES: Record<string, readonly string[]> = { solo: ['h1'], shared: ['h1', 'h7'] };
const acl = new TenantAcl((accountId) => HOMES[accountId] ?? []);
const PROBES = ['h1', 'h10', 'h7', 'x', '', '$SYS', 'devices'];

/** Concrete topics a filter could match: each '+' (first three) by every probe, '#' by nothing or deeper levels. */
function witnesses(filter: string): string[] {
  let topics: string[][] = [[]];
  let plus = 0;
  for (const level of filter.split('/')) {
    if (level === '#') {
      topics = topics.flatMap((t) => [t, [...t, 'h10'], [...t, 'h10', 'devices', 'd', 'events'], [...t, '']]);
      break;
    }
    const options = level === '+' && plus++ < 3 ? PROBES : [level === '+' ? 'x' : level];
    topics = topics.flatMap((t) => options.map((o) => [...t, o]));
  }
  const out = topics.map((t) => t.join('/'));
  return filter.endsWith('/#') ? [...out, filter.slice(0, -2)] : out;
}

describe('tenant ACL policy (pure)', () => {
  test('INV-ACL-3: a filter granted to an account matches no topic outside its homes (refused, never narrowed)', () => {
    assertProperty(
      'INV-ACL-3',
      fc.property(fc.constantFrom('solo', 'shared'), fc.oneof(filterArb('h1', 'h10'), filterArb('h7', 'h1')), (accountId, filter) => {
        const principal: BrokerPrincipal = { kind: 'account', accountId, token: 't', sessionId: 's', heldBy: 'owner' } as BrokerPrincipal;
        if (acl.authorizeSubscribe(principal, filter) !== undefined) return;
        const escapes = witnesses(filter).filter((t) => topicMatches(filter, t) && !HOMES[accountId]!.some((h) => topicIsInHome(t, h)));
        expect(escapes, `granted ${JSON.stringify(filter)} to ${accountId}`).toEqual([]);
        for (const t of witnesses(filter)) {
          if (topicMatches(filter, t) && !t.startsWith('$')) expect(acl.authorizeForward(principal, t)).toBe(true);
        }
      }),
      { numRuns: runs(1000) },
    );
  }, propTimeout());

  test('INV-ACL-4: a device subscribes only to its own commands topic and publishes only events/status/media in its own subtree', () => {
    const device: BrokerPrincipal = { kind: 'device', deviceId: 'h1-d1', homeId: 'h1' };
    const topicArb = fc.oneof(
      filterArb('h1', 'h10'),
      fc
        .tuple(fc.constantFrom('h1', 'h10', '+'), fc.constantFrom('h1-d1', 'h1-d2', 'h10-d1', '+'), fc.constantFrom(...DEVICE_CHANNELS, '#', 'x'))
        .map(([h, d, c]) => `homes/${h}/devices/${d}/${c}`),
    );
    assertProperty(
      'INV-ACL-4',
      fc.property(topicArb, (topic) => {
        const own = deviceTopic('h1', 'h1-d1', 'commands');
        expect(acl.authorizeSubscribe(device, topic) === undefined).toBe(topic === own);
        const mayPublish = DEVICE_PUBLISH_CHANNELS.some((c) => topic === deviceTopic('h1', 'h1-d1', c));
        expect(acl.authorizePublish(device, topic) === undefined).toBe(mayPublish);
        expect(acl.authorizeForward(device, topic)).toBe(topic === own);
      }),
      { numRuns: runs(1000) },
    );
  }, propTimeout());
});
