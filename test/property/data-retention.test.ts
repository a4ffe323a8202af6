import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DAY_MS } from '../../simulator/core/duration.js';
import { propTimeout, runs } from './support/fc-config.js';
import { advance, lifecycleWorld } from './support/lifecycle-commands.js';
import { assertProperty } from './support/regressions.js';

const step = fc.oneof(
  fc.record({ op: fc.constant('voice' as const), profile: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ op: fc.constant('location' as const), profile: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ op: fc.constant('backup' as const) }),
  fc.record({ op: fc.constant('keep' as const), profile: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ op: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 120 }) }),
);

describe('INV-DATA-2: retention', () => {
  test(
    'no item outlives its class TTL by more than the sweep interval',
    () =>
      assertProperty(
        'INV-DATA-2',
        fc.property(fc.nat(), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 10 }), fc.array(step, { maxLength: 40 }), (seed, ttlDays, sweepDays, steps) => {
          const ttlMs = ttlDays * DAY_MS;
          const sweepMs = sweepDays * DAY_MS;
          const r = lifecycleWorld(seed, [{ name: 'retention', params: { voiceTtlMs: ttlMs, locationTtlMs: ttlMs, backupTtlMs: ttlMs, sweepEveryMs: sweepMs } }]);
          r.lifecycle.start();
          const made: number[] = [];
          for (const s of steps) {
            if (s.op === 'voice') made.push(r.lifecycle.voiceActivation(s.profile) ?? -1);
            else if (s.op === 'location') made.push(r.lifecycle.record('location', s.profile) ?? -1);
            else if (s.op === 'backup') r.lifecycle.backUp();
            else if (s.op === 'advance') advance(r.world, s.days * DAY_MS);
            const now = r.world.now();
            for (const profile of [0, 1, 2]) {
              for (const id of r.lifecycle.store.itemsOf(profile)) {
                const item = r.lifecycle.store.view(id)!;
                if (now - item.createdAtMs > ttlMs + sweepMs) throw new Error(`INV-DATA-2: ${item.kind}${item.backup ? ' (backup)' : ''} ${id} is ${now - item.createdAtMs} ms old, TTL ${ttlMs} + sweep ${sweepMs}`);
              }
            }
          }
        }),
        { numRuns: runs(150) },
      ),
    propTimeout(),
  );

  test('a TTL below 0 is refused before anything is built', () => {
    expect(() => lifecycleWorld(1, [{ name: 'retention', params: { voiceTtlMs: -1 } }])).toThrow(/voiceTtlMs/);
  });
});

describe('INV-DATA-3: inactive-child-purge', () => {
  test(
    'no child profile inactive for more than 18 months and the 90 days after survives unless a parent kept it',
    () =>
      assertProperty(
        'INV-DATA-3',
        fc.property(fc.nat(), fc.array(step, { maxLength: 40 }), (seed, steps) => {
          const r = lifecycleWorld(seed, 'inactive-child-purge');
          r.lifecycle.start();
          const limitMs = (548 + 90) * DAY_MS;
          for (const s of steps) {
            if (s.op === 'voice') r.lifecycle.voiceActivation(s.profile);
            else if (s.op === 'keep') r.lifecycle.request({ type: 'keep-child-profile', profile: s.profile });
            else if (s.op === 'advance') advance(r.world, s.days * 10 * DAY_MS);
            for (const p of r.lifecycle.profiles) {
              if (!p.child || p.keptByParent || p.deletedAtMs !== undefined) continue;
              if (r.world.now() - p.lastActiveMs > limitMs) throw new Error(`INV-DATA-3: child profile ${p.id} inactive ${(r.world.now() - p.lastActiveMs) / DAY_MS} days survives`);
            }
          }
        }),
        { numRuns: runs(150) },
      ),
    propTimeout(),
  );

  test('without the purge a quiet child profile is held forever (the property can fail)', () => {
    const r = lifecycleWorld(3, 'alexa-2019');
    r.lifecycle.start();
    r.lifecycle.voiceActivation(1);
    advance(r.world, 700 * DAY_MS);
    expect(r.lifecycle.profiles.get(1)!.deletedAtMs).toBeUndefined();
    const purged = lifecycleWorld(3, 'inactive-child-purge');
    purged.lifecycle.start();
    purged.lifecycle.voiceActivation(1);
    advance(purged.world, 700 * DAY_MS);
    expect(purged.lifecycle.profiles.get(1)!.deletedBecause).toBe('inactive-child');
    expect(purged.lifecycle.store.itemsOf(1)).toEqual([]);
  });
});
