import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Scheduler, type TimerHandle } from '../../simulator/core/scheduler.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertProperty } from './support/regressions.js';

const LIMIT = 10_000;

/** Flat schedules: small times so ties are common; cancels as indices into the tasks. */
const flatSchedule = fc.record({
  tasks: fc.array(fc.record({ time: fc.integer({ min: 0, max: 12 }), viaAfter: fc.boolean() }), { maxLength: 40 }),
  cancels: fc.array(fc.nat(), { maxLength: 10 }),
});

/** A task may, when it runs, cancel another handle and schedule children (possibly "in the past"). */
const action = fc.oneof(
  fc.record({ kind: fc.constant('cancel' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('at' as const), offset: fc.integer({ min: -6, max: 8 }) }),
  fc.record({ kind: fc.constant('after' as const), delay: fc.integer({ min: 0, max: 8 }) }),
);
const nestedSchedule = fc.array(
  fc.record({ time: fc.integer({ min: 0, max: 12 }), actions: fc.array(action, { maxLength: 3 }) }),
  { maxLength: 25 },
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

/** Reference model: a plain list scanned for the smallest (time, seq), no heap. */
class ReferenceScheduler {
  now = 0;
  private seq = 0;
  private readonly entries: Array<{ time: number; seq: number; id: number; run: () => void; cancelled: boolean }> = [];
  at(time: number, run: () => void, id: number): void {
    this.entries.push({ time: Math.max(time, this.now), seq: this.seq++, id, run, cancelled: false });
  }
  cancel(id: number): void {
    for (const e of this.entries) if (e.id === id) e.cancelled = true;
  }
  runAll(): void {
    for (;;) {
      let best = -1;
      this.entries.forEach((e, i) => {
        const b = this.entries[best];
        if (!e.cancelled && (!b || e.time < b.time || (e.time === b.time && e.seq < b.seq))) best = i;
      });
      if (best < 0) return;
      const [e] = this.entries.splice(best, 1);
      this.now = e!.time;
      e!.run();
    }
  }
}

describe('scheduler', () => {
  test('INV-SCHED-1/2: tasks run in (time, insertion order); cancelled tasks never run', () => {
    assertProperty(
      'INV-SCHED-1',
      fc.property(flatSchedule, ({ tasks, cancels }) => {
        const s = new Scheduler();
        const ran: number[] = [];
        const handles = tasks.map((t, i) => (t.viaAfter ? s.after(t.time, () => ran.push(i)) : s.at(t.time, () => ran.push(i))));
        const cancelled = new Set(tasks.length > 0 ? cancels.map((c) => c % tasks.length) : []);
        for (const i of cancelled) s.cancel(handles[i]);
        while (s.runNext(LIMIT));
        const expected = tasks
          .map((t, i) => ({ time: t.time, i }))
          .filter(({ i }) => !cancelled.has(i))
          .sort((a, b) => a.time - b.time || a.i - b.i)
          .map(({ i }) => i);
        expect(ran).toEqual(expected);
        expect(s.pending()).toBe(0);
        expect(s.peekTimeMs()).toBe(Infinity);
      }),
      { numRuns: runs(300) },
    );
  }, propTimeout());

  test('INV-SCHED-2/4: with nested scheduling and cancels inside tasks, the run matches a reference model and time never goes back', () => {
    assertProperty(
      'INV-SCHED-4',
      fc.property(nestedSchedule, (tasks) => {
        const trace = (impl: 'real' | 'model'): string[] => {
          const real = new Scheduler();
          const model = new ReferenceScheduler();
          const out: string[] = [];
          const handles: TimerHandle[] = [];
          const now = () => (impl === 'real' ? real.now() : model.now);
          const schedule = (time: number, label: string, actions: readonly Action[]) => {
            const id = handles.length;
            const run = () => {
              out.push(`${label}@${now()}`);
              for (const a of actions) {
                if (a.kind === 'cancel') {
                  const target = a.target % handles.length;
                  if (impl === 'real') real.cancel(handles[target]);
                  else model.cancel(target);
                } else {
                  const when = a.kind === 'at' ? now() + a.offset : now() + a.delay;
                  schedule(when, `${label}.${out.length}`, []);
                }
              }
            };
            if (impl === 'real') handles.push(real.at(time, run));
            else {
              handles.push({ id });
              model.at(time, run, id);
            }
          };
          tasks.forEach((t, i) => schedule(t.time, `t${i}`, t.actions));
          if (impl === 'real') while (real.runNext(LIMIT));
          else model.runAll();
          return out;
        };
        const real = trace('real');
        expect(real).toEqual(trace('model'));
        const times = real.map((entry) => Number(entry.split('@')[1]));
        for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
      }),
      { numRuns: runs(300) },
    );
  }, propTimeout());

  test('INV-SCHED-3: every(period, first) fires exactly at start + max(first, 0) + k*period until cancelled', () => {
    assertProperty(
      'INV-SCHED-3',
      fc.property(
        fc.record({
          start: fc.integer({ min: 0, max: 50 }),
          period: fc.integer({ min: 1, max: 40 }),
          first: fc.option(fc.integer({ min: -30, max: 60 }), { nil: undefined }),
          limit: fc.integer({ min: 0, max: 400 }),
          stopAfter: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
          noise: fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 8 }),
        }),
        ({ start, period, first, limit, stopAfter, noise }) => {
          const s = new Scheduler();
          const fired: number[] = [];
          for (const t of noise) s.at(t, () => {});
          s.at(start, () => {
            const handle = s.every(period, () => {
              fired.push(s.now());
              if (fired.length === stopAfter) s.cancel(handle);
            }, first);
          });
          while (s.runNext(start + limit));
          const firstAt = start + Math.max(first ?? period, 0);
          const expected: number[] = [];
          for (let t = firstAt; t <= start + limit && expected.length !== stopAfter; t += period) expected.push(t);
          expect(fired).toEqual(expected);
        },
      ),
      { numRuns: runs(300) },
    );
  }, propTimeout());

  test('INV-SCHED-5: every() refuses a period that rounds to 0 ms instead of silently running once', () => {
    assertProperty(
      'INV-SCHED-5',
      fc.property(fc.double({ min: Number.MIN_VALUE, max: 0.49, noNaN: true }), (period) => {
        expect(() => new Scheduler().every(period, () => {})).toThrow(RangeError);
      }),
      { numRuns: runs(50) },
    );
  });
});
