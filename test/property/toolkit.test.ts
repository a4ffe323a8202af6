import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
// Imported by the package's own name, as a user's project does (package.json "exports").
import { BUILT_IN_SCENARIOS, DEFENSE_NAMES, parseDefenses, validateRun, type DefenseName } from 'smarthome-sim';
import { arbAttack, arbDefenseConfig, arbScenarioOptions, arbSeed, attackScenarioNames, replayHint, runWorld } from 'smarthome-sim/testing';
import { propTimeout, runs } from './support/fc-config.js';
import { assertAsyncProperty, assertProperty } from './support/regressions.js';

const scenarioOf = (name: string) => BUILT_IN_SCENARIOS.find((s) => s.name === name)!;
const someDefenses = fc.subarray([...DEFENSE_NAMES], { maxLength: 2 });
/** Include/exclude constraints that can be met, and a config generated under them. */
const constrainedConfig = fc
  .tuple(someDefenses, someDefenses)
  .filter(([include, exclude]) => include.every((n) => !exclude.includes(n)) && !(include.includes('2fa-optional') && include.includes('2fa-mandatory')))
  .chain(([include, exclude]) => arbDefenseConfig({ include, exclude }).map((config) => ({ include, exclude: exclude as DefenseName[], config })));

describe('smarthome-sim/testing', () => {
  test('INV-TOOL-1: arbDefenseSet/arbDefenseConfig only generate specs and --set pairs that parseDefenses accepts, with every included and no excluded defence', () => {
    assertProperty(
      'INV-TOOL-1',
      fc.property(constrainedConfig, ({ include, exclude, config }) => {
        const installed = parseDefenses(config.defenses, config.set).map((d) => d.name);
        for (const name of include) expect(installed, `${config.defenses} includes ${name}`).toContain(name);
        for (const name of exclude) expect(installed, `${config.defenses} excludes ${name}`).not.toContain(name);
      }),
      { numRuns: runs(300) },
    );
  }, propTimeout());

  test('INV-TOOL-2: arbScenarioOptions and arbAttack only generate runs the runner accepts, for every built-in scenario', () => {
    assertProperty(
      'INV-TOOL-2',
      fc.property(arbSeed(), arbScenarioOptions(), arbAttack(), (seed, options, attack) => {
        expect(() => validateRun(scenarioOf(options.scenario), { ...options, seed })).not.toThrow();
        expect(attackScenarioNames()).toContain(attack.scenario);
        expect(() => validateRun(scenarioOf(attack.scenario), { seed, params: attack.params })).not.toThrow();
      }),
      { numRuns: runs(300) },
    );
  }, propTimeout());

  test('INV-TOOL-3: runWorld returns the whole retained log, whose SHA-256 is the digest and whose size the report counts', async () => {
    await assertAsyncProperty(
      'INV-TOOL-3',
      fc.asyncProperty(arbSeed(), arbScenarioOptions({ homes: { max: 4 }, duration: { maxMinutes: 60 } }), async (seed, options) => {
        const { events, digest, report, metrics } = await runWorld({ ...options, seed });
        const lines = events.map((e) => `${JSON.stringify(e)}\n`).join('');
        expect(createHash('sha256').update(lines).digest('hex')).toBe(digest);
        expect(events.length).toBe(report.eventLog.events);
        expect(events[0]?.type).toBe('world.start');
        expect(metrics).toBe(report.metrics);
      }),
      { numRuns: runs(10) },
    );
  }, propTimeout());

  test('replayHint names the seed and the path to replay', () => {
    const hint = replayHint(-17, '3:1:0', 'test/my.test.ts');
    expect(hint).toContain('{ seed: -17, path: "3:1:0"');
    expect(hint).toContain('FC_SEED=-17 FC_PATH=3:1:0 npx vitest run test/my.test.ts');
  });
});
