import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { World } from '../../simulator/core/world.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertAsyncProperty } from './support/regressions.js';

declare module '../../simulator/core/event-log.js' {
  interface EventTypes {
    'test.prop-event': { label: string; n: number; flag: boolean; note: string | null; draw: number };
  }
}

/** One scheduled emission; `draw` is taken from the world's generator when it runs. */
const eventArb = fc.record({
  at: fc.integer({ min: 0, max: 30 }),
  label: fc.string({ unit: 'grapheme', maxLength: 6 }),
  n: fc.integer({ min: -1_000_000, max: 1_000_000 }),
  flag: fc.boolean(),
  note: fc.option(fc.string({ maxLength: 4 }), { nil: null }),
});
type PlannedEvent = typeof eventArb extends fc.Arbitrary<infer E> ? E : never;
const scheduleArb = fc.array(eventArb, { maxLength: 25 });

/** A schedule and a near miss of it: one field, time or event changed, dropped or moved. */
const nearMissArb = scheduleArb
  .filter((s) => s.length > 0)
  .chain((schedule) =>
    fc.tuple(fc.constant(schedule), fc.nat(schedule.length - 1), fc.constantFrom('n', 'label', 'flag', 'at', 'drop', 'move-last')),
  )
  .map(([schedule, i, change]) => {
    const other = schedule.map((e) => ({ ...e }));
    const e = other[i]!;
    if (change === 'n') e.n += 1;
    else if (change === 'label') e.label += 'x';
    else if (change === 'flag') e.flag = !e.flag;
    else if (change === 'at') e.at += 1;
    else if (change === 'drop') other.splice(i, 1);
    else other.push(...other.splice(i, 1));
    return [schedule, other] as const;
  });

async function runSchedule(seed: number, schedule: readonly PlannedEvent[]): Promise<World> {
  const world = new World({ seed, retainLog: true });
  for (const e of schedule) {
    world.scheduler.at(e.at, () => {
      const draw = world.rng('test/events').int(0, 1_000_000);
      world.log.emit('test.prop-event', { label: e.label, n: e.n, flag: e.flag, note: e.note, draw });
    });
  }
  await world.runUntil(100);
  return world;
}

const seedArb = fc.nat();

describe('event log', () => {
  test('INV-LOG-1: two worlds with the same seed running the same schedule log the same bytes and digest', async () => {
    await assertAsyncProperty(
      'INV-LOG-1',
      fc.asyncProperty(seedArb, scheduleArb, async (seed, schedule) => {
        const a = await runSchedule(seed, schedule);
        const b = await runSchedule(seed, schedule);
        expect(b.log.toJsonLines()).toBe(a.log.toJsonLines());
        expect(b.log.digest()).toBe(a.log.digest());
        expect(b.log.countsByType()).toEqual(a.log.countsByType());
      }),
      { numRuns: runs(150) },
    );
  }, propTimeout());

  test('INV-LOG-2: different logged content gives a different digest (digests agree exactly when the bytes do)', async () => {
    await assertAsyncProperty(
      'INV-LOG-2',
      fc.asyncProperty(seedArb, nearMissArb, async (seed, [schedule, other]) => {
        const a = await runSchedule(seed, schedule);
        const b = await runSchedule(seed, other);
        // A move among equal events at the same instant can leave the bytes unchanged.
        expect(a.log.digest() === b.log.digest()).toBe(a.log.toJsonLines() === b.log.toJsonLines());
      }),
      { numRuns: runs(150) },
    );
  }, propTimeout());

  test('INV-LOG-3: the digest is SHA-256 of the retained JSON lines, (t, seq) strictly increase, and digest() leaves the log open', async () => {
    await assertAsyncProperty(
      'INV-LOG-3',
      fc.asyncProperty(seedArb, scheduleArb, scheduleArb, async (seed, first, second) => {
        const world = await runSchedule(seed, first);
        const midway = world.log.digest();
        expect(world.log.digest()).toBe(midway); // idempotent
        const sha = () => createHash('sha256').update(world.log.toJsonLines()).digest('hex');
        const stale: number[] = [];
        for (const e of second) {
          world.scheduler.at(100 + e.at, () => {
            world.log.emit('test.prop-event', { ...e, draw: 0 });
            // digest() at any point covers exactly the events so far (however hashing is batched)
            if (e.flag && world.log.digest() !== sha()) stale.push(world.log.size);
          });
        }
        await world.runUntil(200);
        expect(stale).toEqual([]);
        expect(world.log.digest()).toBe(sha());
        expect(world.log.size).toBe(first.length + second.length);
        const stamps = world.log.events().map((e) => [e.t, e.seq] as const);
        const misordered = stamps.filter(([t, seq], i) => {
          if (i === 0) return seq !== 0;
          const [pt, pseq] = stamps[i - 1]!;
          return t > pt ? seq !== 0 : !(t === pt && seq === pseq + 1);
        });
        expect(misordered).toEqual([]);
        if (second.length > 0) expect(world.log.digest()).not.toBe(midway);
      }),
      { numRuns: runs(150) },
    );
  }, propTimeout());
});
