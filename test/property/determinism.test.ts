import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { arbScenarioOptions, arbSeed, runWorld } from '../../simulator/testing/index.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertAsyncProperty } from './support/regressions.js';

/**
 * INV-DET-1 (DESIGN.md principle 1): a run is a pure function of (scenario, parameters,
 * defences, seed). Whole small runs of every built-in scenario — attackers, population
 * habits, generated defence sets with parameters, either transport — are made twice from
 * the same inputs and must agree on the event log byte for byte and on every metric.
 */
describe('whole runs are deterministic', () => {
  test('INV-DET-1: for any seed, scenario, town, duration, defence set and parameters, two runs give the same event-log digest, events and metrics', async () => {
    await assertAsyncProperty(
      'INV-DET-1',
      fc.asyncProperty(arbSeed(), arbScenarioOptions({ homes: { max: 6 } }), fc.constantFrom('direct' as const, 'mqtt' as const), async (seed, options, transport) => {
        const first = await runWorld({ ...options, seed, transport });
        const second = await runWorld({ ...options, seed, transport });
        expect(second.digest, 'event-log digest').toBe(first.digest);
        expect(second.events, 'event log').toEqual(first.events);
        expect(second.metrics, 'metrics').toEqual(first.metrics);
        const { wallMs: _a, ...reportA } = first.report;
        const { wallMs: _b, ...reportB } = second.report;
        expect(reportB, 'the report, wall time aside').toEqual(reportA);
        expect(first.events.length, 'the log holds the run').toBe(first.report.eventLog.events);
      }),
      { numRuns: runs(15) },
    );
  }, propTimeout(120_000));
});
