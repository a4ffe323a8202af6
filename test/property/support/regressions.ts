import fc from 'fast-check';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { replayParameters, settings } from './fc-config.js';

/**
 * Counterexamples found earlier, replayed before the random runs.
 *
 * test/property/regressions/<INVARIANT-ID>.json:
 *   { "invariant": "INV-SCHED-4", "cases": [{ "seed": -123, "path": "4:1:0", "note": "why" }] }
 *
 * Paste the seed and path a failure printed. A path only means something for the arbitraries
 * it was found with: when a property's generators change, re-find or drop its cases.
 */
export interface RegressionCase {
  seed: number;
  path: string;
  note?: string;
}

export const REGRESSIONS_DIR = new URL('../regressions/', import.meta.url);

export function regressionFiles(): string[] {
  return existsSync(REGRESSIONS_DIR) ? readdirSync(REGRESSIONS_DIR).filter((f) => f.endsWith('.json')).sort() : [];
}

/** Cases recorded for `invariant` (none when it has no file); throws on a malformed file. */
export function regressionCases(invariant: string): RegressionCase[] {
  const file = new URL(`${invariant}.json`, REGRESSIONS_DIR);
  if (!existsSync(file)) return [];
  const data = JSON.parse(readFileSync(file, 'utf8')) as { invariant?: unknown; cases?: unknown };
  if (data.invariant !== invariant || !Array.isArray(data.cases)) {
    throw new Error(`regressions/${invariant}.json: needs {"invariant": "${invariant}", "cases": [...]}`);
  }
  return data.cases.map((c: { seed?: unknown; path?: unknown; note?: unknown }, i) => {
    if (!Number.isInteger(c.seed) || typeof c.path !== 'string' || !/^\d+(:\d+)*$/.test(c.path)) {
      throw new Error(`regressions/${invariant}.json case ${i}: needs an integer "seed" and a "path" like "3:0:1"`);
    }
    return { seed: c.seed as number, path: c.path, note: typeof c.note === 'string' ? c.note : undefined };
  });
}

function replayHint(details: fc.RunDetails<unknown>): string {
  const state = expect.getState();
  const file = state.testPath ? state.testPath.replace(/^.*?(test\/property\/)/, '$1') : '<file>';
  // vitest's -t is a regular expression: escape the name, then quote it for the shell.
  const name = (state.currentTestName?.split(' > ').pop() ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `\nReplay: FC_SEED=${details.seed} FC_PATH=${details.counterexamplePath ?? ''} npx vitest run ${file} -t '${name.replace(/'/g, `'\\''`)}'`;
}

/** Where CI keeps the counterexamples it finds (reports/ is CI's artifact folder, not committed). */
export const FOUND_DIR = new URL('../../../reports/counterexamples/', import.meta.url);

/**
 * Appends a failing case to `<dir>/<INVARIANT-ID>.json`, in the format of regressions/ (so
 * the file, or the case, can be moved there as is). Done on every failure under CI, or when
 * FC_SAVE_COUNTEREXAMPLES is set; a case already saved is not added twice.
 */
export function saveCounterexample(invariant: string, details: Pick<fc.RunDetails<unknown>, 'seed' | 'counterexamplePath' | 'counterexample'>, dir: URL = FOUND_DIR): URL {
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${invariant}.json`, dir);
  const data = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { invariant: string; cases: RegressionCase[] }) : { invariant, cases: [] };
  const path = details.counterexamplePath ?? '';
  if (!data.cases.some((c) => c.seed === details.seed && c.path === path)) {
    const note = `found by ${process.env.CI ? 'CI' : 'a local run'}: ${fc.stringify(details.counterexample).slice(0, 300)}`;
    data.cases.push({ seed: details.seed, path, note });
  }
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

/** `newCaseOf`: the invariant, when this run drew fresh cases (a recorded case is already kept). */
function throwIfFailed(details: fc.RunDetails<unknown>, label: string, newCaseOf?: string): void {
  if (!details.failed) return;
  if (newCaseOf && (settings.ci || process.env.FC_SAVE_COUNTEREXAMPLES)) saveCounterexample(newCaseOf, details);
  const report = fc.defaultReportMessage(details) ?? 'property failed';
  throw new Error(`${label}${report}${replayHint(details)}`, { cause: details.errorInstance });
}

function label(invariant: string, c?: RegressionCase): string {
  return c ? `[${invariant}] recorded regression (seed ${c.seed}, path ${c.path})${c.note ? `: ${c.note}` : ''}\n` : `[${invariant}] `;
}

/** Replays the recorded cases of `invariant`, then runs `property` like fc.assert. */
export function assertProperty<Ts>(invariant: string, property: fc.IProperty<Ts>, params: fc.Parameters<Ts> = {}): void {
  for (const c of regressionCases(invariant)) {
    throwIfFailed(fc.check(property, { ...params, seed: c.seed, path: c.path }) as fc.RunDetails<unknown>, label(invariant, c));
  }
  throwIfFailed(fc.check(property, { ...replayParameters(), ...params }) as fc.RunDetails<unknown>, label(invariant), invariant);
}

/** The async twin of assertProperty. */
export async function assertAsyncProperty<Ts>(invariant: string, property: fc.IAsyncProperty<Ts>, params: fc.Parameters<Ts> = {}): Promise<void> {
  for (const c of regressionCases(invariant)) {
    throwIfFailed((await fc.check(property, { ...params, seed: c.seed, path: c.path })) as fc.RunDetails<unknown>, label(invariant, c));
  }
  throwIfFailed((await fc.check(property, { ...replayParameters(), ...params })) as fc.RunDetails<unknown>, label(invariant), invariant);
}
