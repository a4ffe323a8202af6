import fc from 'fast-check';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { main } from '../../simulator/cli/main.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertAsyncProperty } from './support/regressions.js';

/**
 * INV-FUZZ-2: generated malformed parameters and scenario files never start a run: the CLI
 * answers exit code 2, its message names the field (and the value), and no report is written.
 * In-process through main() — the same code path as the binary, without a process per case.
 */
const dir = mkdtempSync(join(tmpdir(), 'smarthome-sim-fuzz-cli-'));
let stderr = '';

beforeEach(() => {
  stderr = '';
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void (stderr += `${args.join(' ')}\n`));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

const RATES = ['doorbell.motionPerDay', 'doorbell.dingsPerDay', 'app.opensPerDay', 'app.passwordLoginsPerDay'];
const CHANCES = ['app.typoRate', 'app.liveViewChance', 'app.talkOnDingChance'];
const MILLISECONDS = ['doorbell.statusEveryMs', 'doorbell.liveViewSegmentMs', 'app.openMeanMs', 'app.liveViewMeanMs'];

const notANumber = fc.oneof(fc.stringMatching(/^[a-z]{1,8}$/), fc.constantFrom('true', 'false', 'null', '[]', '{}', '[1,2]', '{"a":1}'));
const badSet = fc.oneof(
  fc.tuple(fc.constantFrom(...RATES), fc.oneof(notANumber, fc.double({ max: -0.001, noNaN: true }).map(String), fc.integer({ min: 10_001 }).map(String))),
  fc.tuple(fc.constantFrom(...CHANCES), fc.oneof(notANumber, fc.double({ min: 1.001, max: 1e9, noNaN: true }).map(String), fc.double({ max: -0.001, noNaN: true }).map(String))),
  fc.tuple(fc.constantFrom(...MILLISECONDS), fc.oneof(notANumber, fc.integer({ max: 0 }).map(String), fc.double({ min: 1.1, max: 1e6, noNaN: true }).filter((d) => !Number.isInteger(d)).map(String))),
  // Unknown names under a known group: a typo must never pass silently.
  fc.tuple(fc.constantFrom('doorbell', 'app'), fc.stringMatching(/^[a-z][a-zA-Z]{2,10}$/)).map(([group, name]) => [`${group}.${name}Zz`, '1'] as [string, string]),
);

async function expectRefused(args: string[], mentions: string[]): Promise<void> {
  const json = join(dir, `report-${Math.random().toString(36).slice(2)}.json`); // test-only file name
  const code = await main([...args, '--json', json]);
  expect(code, stderr).toBe(2);
  for (const m of mentions) expect(stderr).toContain(m);
  expect(existsSync(json)).toBe(false);
}

describe('INV-FUZZ-2: malformed input never starts a run', () => {
  test('INV-FUZZ-2: a generated bad --set value or unknown name exits 2 naming the field and the value, writing nothing', async () => {
    await assertAsyncProperty(
      'INV-FUZZ-2',
      fc.asyncProperty(badSet, async ([name, value]) => {
        stderr = '';
        await expectRefused(['run', 'baseline', '--homes', '2', '--duration', '1h', '--set', `${name}=${value}`], [name]);
        if (!name.endsWith('Zz')) expect(stderr).toContain(String(JSON.stringify(JSON.parse(safeJson(value)))));
      }),
      { numRuns: runs(60) },
    );
  }, propTimeout());

  test('INV-FUZZ-2: generated bad flag values exit 2 naming the flag', async () => {
    const flag = fc.oneof(
      fc.tuple(fc.constant('--homes'), fc.oneof(fc.integer({ max: 0 }).map(String), fc.stringMatching(/^[a-z]{1,6}$/), fc.constant('1.5'))),
      fc.tuple(fc.constant('--duration'), fc.oneof(fc.stringMatching(/^[0-9]{1,3}[xyzw]$/), fc.constant('-5m'), fc.constant('0s'), fc.constant('h'))),
      fc.tuple(fc.constant('--transport'), fc.stringMatching(/^[a-z]{1,8}$/).filter((t) => !['mqtt', 'direct', 'auto'].includes(t))),
    );
    await assertAsyncProperty(
      'INV-FUZZ-2-flags',
      fc.asyncProperty(flag, async ([name, value]) => {
        stderr = '';
        await expectRefused(['run', 'baseline', `${name}=${value}`], [name]);
      }),
      { numRuns: runs(40) },
    );
  }, propTimeout());

  const BROKEN_FILES: Record<string, string> = {
    'no-default.ts': 'export const scenario = { name: "x", summary: "y" };\n',
    'default-number.ts': 'export default 42;\n',
    'missing-summary.ts': 'export default { name: "x" };\n',
    'syntax-error.ts': 'export default defineScenario({ name: "x", \n',
    'throws.ts': 'throw new Error("scenario file exploded");\n',
    'bad-name.ts': 'import { defineScenario } from "' + new URL('../../simulator/runner/scenario.ts', import.meta.url).pathname + '";\nexport default defineScenario({ name: "Not Kebab", summary: "s" });\n',
  };
  for (const [file, source] of Object.entries(BROKEN_FILES)) {
    test(`INV-FUZZ-2: a malformed scenario file (${file}) exits 2 naming the file`, async () => {
      const path = join(dir, file);
      writeFileSync(path, source);
      await expectRefused(['run', path], [file]);
    });
  }
});

/** The value as the CLI reads it: JSON when it parses, else a string. */
function safeJson(value: string): string {
  try {
    JSON.parse(value);
    return value;
  } catch {
    return JSON.stringify(value);
  }
}
