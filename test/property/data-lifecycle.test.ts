import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { propTimeout, runs } from './support/fc-config.js';
import { lifecycleCommands, lifecycleWorld, type LifecycleModel } from './support/lifecycle-commands.js';
import { assertProperty } from './support/regressions.js';

const property = (defenses: string) =>
  fc.property(fc.nat(), lifecycleCommands(), (seed, commands) => {
    fc.modelRun(() => ({ model: { nowMs: 0, receipts: [] } as LifecycleModel, real: lifecycleWorld(seed, defenses) }), commands);
  });

describe('INV-DATA-1: a verified deletion leaves nothing behind once its stated time has passed', () => {
  test(
    'under verified-deletion no store and no serving model returns or depends on a deleted subject',
    () => assertProperty('INV-DATA-1', property('verified-deletion'), { numRuns: runs(200) }),
    propTimeout(),
  );

  test(
    'under alexa-order-2023 (deletion with retention, purge and training limits) the same holds',
    () => assertProperty('INV-DATA-1', property('alexa-order-2023'), { numRuns: runs(100) }),
    propTimeout(),
  );

  test('the property can fail: under alexa-2019 it finds the leak and shrinks it', () => {
    const details = fc.check(property('alexa-2019'), { seed: 42, numRuns: 200 });
    expect(details.failed).toBe(true);
    const shrunk = String(details.counterexample?.[1]);
    // What docs/data-lifecycle.md shows: a recording, its deletion, a query finding what stayed.
    expect(shrunk).toMatch(/RequestDeletion/);
    expect(String(details.errorInstance)).toMatch(/INV-DATA-1/);
    console.log(`alexa-2019 counterexample (seed 42): ${shrunk}\n${String((details.errorInstance as Error)?.message)}`);
  });
});
