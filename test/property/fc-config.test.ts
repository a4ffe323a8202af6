import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ASYNC_CASE_TIMEOUT_MS, CI_SEED, globalParameters, readPropsSettings, replayParameters } from './support/fc-config.js';
import { assertProperty, regressionCases, saveCounterexample } from './support/regressions.js';

describe('fast-check configuration and reproduction', () => {
  test('CI gets the fixed seed; FC_SEED, FC_PATH and FC_RUNS (or SMARTHOME_PROPS_RUNS) are read; verbose is always on', () => {
    expect(readPropsSettings({})).toEqual({ seed: undefined, path: undefined, runs: undefined, ci: false });
    expect(readPropsSettings({ CI: 'true' }).seed).toBe(CI_SEED);
    expect(readPropsSettings({ CI: 'false' }).seed).toBeUndefined();
    expect(readPropsSettings({ CI: 'true', FC_SEED: '-17' }).seed).toBe(-17);
    const replay = readPropsSettings({ FC_SEED: '42', FC_PATH: '3:0:1', FC_RUNS: '10000' });
    expect(replay).toMatchObject({ seed: 42, path: '3:0:1', runs: 10_000 });
    expect(replayParameters(replay)).toEqual({ seed: 42, path: '3:0:1' });
    expect(readPropsSettings({ SMARTHOME_PROPS_RUNS: '500' }).runs).toBe(500);
    expect(globalParameters(replay)).toEqual({ seed: 42, numRuns: 10_000, verbose: fc.VerbosityLevel.Verbose, timeout: ASYNC_CASE_TIMEOUT_MS });
    expect(fc.readConfigureGlobal().verbose).toBe(fc.VerbosityLevel.Verbose); // setup.ts ran
  });

  test('malformed variables are refused with an error naming the variable', () => {
    fc.assert(
      fc.property(fc.constantFrom('FC_SEED', 'FC_RUNS', 'SMARTHOME_PROPS_RUNS', 'FC_PATH'), fc.string({ minLength: 1, maxLength: 8 }), (name, text) => {
        const env = { FC_SEED: '1', [name]: text };
        let settings;
        try {
          settings = readPropsSettings(env);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          expect(String(error)).toContain(name);
          return;
        }
        const key = { FC_SEED: 'seed', FC_RUNS: 'runs', SMARTHOME_PROPS_RUNS: 'runs', FC_PATH: 'path' }[name] as 'seed' | 'runs' | 'path';
        if (text.trim() === '') expect(settings[key], 'a blank variable counts as unset').toBeUndefined();
        else if (name === 'FC_PATH') expect(settings.path).toMatch(/^\d+(:\d+)*$/);
        else expect(settings[key]).toBe(Number(text));
      }),
    );
    expect(() => readPropsSettings({ FC_PATH: '1:2' })).toThrow(/FC_SEED/);
  });

  test('INV-REPRO-1: the seed and path a failure prints replay exactly the same shrunk counterexample', () => {
    const failing = fc.property(fc.array(fc.integer({ min: 0, max: 100 })), (xs) => xs.reduce((a, b) => a + b, 0) < 150);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const found = fc.check(failing, { seed, verbose: 0 });
        fc.pre(found.failed);
        const replayed = fc.check(failing, { seed: found.seed, path: found.counterexamplePath!, verbose: 0 });
        expect(replayed.failed).toBe(true);
        expect(replayed.counterexample).toEqual(found.counterexample);
      }),
      { numRuns: 30 },
    );
  });

  test('INV-REPRO-2: recorded regression cases are replayed before the random runs', () => {
    const [recorded] = regressionCases('INV-REPRO-2');
    expect(recorded).toBeDefined();
    const arb = fc.string({ minLength: 16, maxLength: 16 });
    const atRecorded = fc.check(fc.property(arb, () => false), { seed: recorded!.seed, path: recorded!.path, endOnFailure: true, verbose: 0 });
    const needle = atRecorded.counterexample![0];
    // Random runs practically never draw `needle`; only the recorded case finds it.
    expect(() => assertProperty('INV-REPRO-2', fc.property(arb, (s) => s !== needle), { numRuns: 20 })).toThrow(/recorded regression/);
  });

  test('INV-REPRO-3: under CI a failing property keeps its case in reports/counterexamples/<ID>.json, in the format of regressions/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterexamples-'));
    try {
      const failing = fc.property(fc.nat(), (n) => n < 10);
      const details = fc.check(failing, { seed: 7, verbose: 0 });
      expect(details.failed).toBe(true);
      const url = pathToFileURL(`${dir}/`);
      saveCounterexample('EXAMPLE-1', details, url);
      saveCounterexample('EXAMPLE-1', details, url); // the same case is kept once
      const saved = JSON.parse(readFileSync(join(dir, 'EXAMPLE-1.json'), 'utf8'));
      expect(saved).toEqual({ invariant: 'EXAMPLE-1', cases: [{ seed: 7, path: details.counterexamplePath, note: expect.stringContaining('[10]') }] });
      // Moved into regressions/, the case replays the same counterexample.
      const replayed = fc.check(failing, { seed: saved.cases[0].seed, path: saved.cases[0].path, verbose: 0 });
      expect(replayed.counterexample).toEqual(details.counterexample);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
