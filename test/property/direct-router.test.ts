import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { DirectRouter } from '../../simulator/broker/direct-router.js';
import { levelsMatch } from '../../simulator/broker/topics.js';
import { propTimeout, runs } from './support/fc-config.js';
import { filterArb, topicMatches } from './support/filters.js';
import { assertAsyncProperty, assertProperty } from './support/regressions.js';

const require = createRequire(import.meta.url);
const { QlobberTrue } = require('qlobber') as { QlobberTrue: new (options: object) => { add(filter: string): void; test(topic: string): boolean } };

/** The filters aedes itself would accept: '#' only whole and last, '+' only whole. */
function wellFormed(filter: string): boolean {
  const levels = filter.split('/');
  return levels.every((level, i) => (level.includes('#') ? level === '#' && i === levels.length - 1 : !level.includes('+') || level === '+'));
}

const topicArb = fc
  .array(fc.constantFrom('homes', 'h1', 'h10', 'devices', 'h1-d1', 'events', 'status', '', '$SYS', 'x'), { minLength: 1, maxLength: 6 })
  .map((levels) => levels.join('/'))
  .filter((topic) => topic.length > 0); // MQTT-4.7.3-1: a topic has at least one character

describe('the fast path router', () => {
  test("INV-LINK-2: a route matches exactly the topics aedes' matcher (qlobber) matches, dollar topics included", () => {
    assertProperty(
      'INV-LINK-2',
      fc.property(filterArb('h1', 'h10').filter(wellFormed), fc.array(topicArb, { maxLength: 8 }), (filter, topics) => {
        // The options aedes gives its emitter's qlobber (aedes.js: matchEmptyLevels, MQTT-4.7.1-3).
        const reference = new QlobberTrue({ wildcard_one: '+', wildcard_some: '#', separator: '/', match_empty_levels: true });
        reference.add(filter);
        for (const topic of topics) {
          // qlobber has no MQTT-4.7.2-1 rule; aedes applies it (removeSharp) before matching.
          const expected = reference.test(topic) && !(topic.startsWith('$') && /^[+#]/.test(filter));
          expect(levelsMatch(filter.split('/'), topic), `${filter} vs ${topic}`).toBe(expected);
        }
      }),
      { numRuns: runs(500) },
    );
  });

  test('INV-LINK-3: messages reach each matching route once, in publish order, on a later microtask; a route added or removed during delivery counts from the next message', async () => {
    const command = fc.oneof(
      fc.record({ kind: fc.constant('publish' as const), home: fc.constantFrom('h1', 'h2'), channel: fc.constantFrom('events', 'media') }),
      fc.record({ kind: fc.constant('toggle' as const), route: fc.integer({ min: 0, max: 3 }) }),
    );
    await assertAsyncProperty(
      'INV-LINK-3',
      fc.asyncProperty(fc.array(command, { maxLength: 30 }), fc.integer({ min: 0, max: 29 }), async (commands, toggleAt) => {
        const filters = ['homes/h1/#', 'homes/+/devices/+/media', 'homes/h2/devices/d/events', '#'];
        const busy: boolean[] = [];
        const router = new DirectRouter((b) => busy.push(b));
        const received: string[][] = filters.map(() => []);
        const active = filters.map(() => false);
        const toggle = (r: number) => {
          if (active[r]) router.remove(filters[r]!, handlers[r]!);
          else router.add(filters[r]!, handlers[r]!);
          active[r] = !active[r];
        };
        // A subscriber that changes another route while it is being delivered to.
        const other = (r: number) => (r === 0 ? 1 : 0);
        const handlers = filters.map((_, r) => (topic: string, payload: string) => {
          received[r]!.push(`${topic} ${payload}`);
          if (Number(payload) === toggleAt) toggle(other(r));
        });
        for (const r of filters.keys()) toggle(r);
        const published: Array<{ topic: string; payload: string }> = [];
        let queued = false;
        commands.forEach((c, i) => {
          if (c.kind === 'toggle') return toggle(c.route);
          const topic = `homes/${c.home}/devices/d/${c.channel}`;
          // With no route at all a message is dropped at once (as aedes drops one nobody wants).
          if (router.size === 0) return;
          queued = true;
          published.push({ topic, payload: String(i) });
          router.route(topic, String(i));
        });
        // The model: routes active when each message is delivered, toggles applied after it.
        const modelActive = [...active];
        const expected: string[][] = filters.map(() => []);
        for (const { topic, payload } of published) {
          const flips: number[] = [];
          for (const r of filters.keys()) {
            if (!modelActive[r] || !topicMatches(filters[r]!, topic)) continue;
            expected[r]!.push(`${topic} ${payload}`);
            if (Number(payload) === toggleAt) flips.push(other(r));
          }
          for (const r of flips) modelActive[r] = !modelActive[r];
        }
        expect(received.flat(), 'nothing is delivered synchronously').toEqual([]);
        expect(busy).toEqual(queued ? [true] : []);
        await Promise.resolve();
        expect(received).toEqual(expected);
        expect(busy).toEqual(queued ? [true, false] : []);
      }),
      { numRuns: runs(300) },
    );
  }, propTimeout());
});
