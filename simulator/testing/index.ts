/**
 * `smarthome-sim/testing`: fast-check arbitraries and helpers for writing properties against
 * the simulator (docs/property-testing.md, "The toolkit").
 *
 *   import { fc, test } from '@fast-check/vitest';
 *   import { arbDefenseSet, arbSeed, runWorld } from 'smarthome-sim/testing';
 *
 *   test.prop([arbSeed(), arbDefenseSet()])('…', async (seed, defenses) => {
 *     const { metrics, digest, events } = await runWorld({ scenario: 'credential-stuffing', seed, homes: 5, duration: '1h', defenses });
 *     …
 *   });
 *
 * package.json "exports" gives plain Node the compiled dist/ file and TypeScript this source
 * (its "types"); this repository's vitest resolves it to this source.
 */
export { arbDuration, arbHomes, arbPopulationParams, arbSeed, type PopulationInput } from './arbitraries.js';
export { arbDefenseConfig, arbDefenseOverrides, arbDefenseSet, type DefenseSetOptions } from './defense-arbitraries.js';
export {
  arbAttack,
  arbScenarioOptions,
  arbScenarioParams,
  attackScenarioNames,
  type AttackCase,
  type ScenarioCase,
  type ScenarioOptionsArbOptions,
} from './scenario-arbitraries.js';
export { replayHint, runWorld, type RunWorldOptions, type WorldRun } from './run-world.js';
// A test may add a device kind of its own to the catalogue (test/scenarios/device-catalog.test.ts).
export { registerDeviceKind } from '../../devices/catalog.js';
export { defineDeviceKind, type DeviceActor, type DeviceContext, type DeviceKindDefinition } from '../../devices/device-kind.js';
