import {
  DefenseSpecError,
  isDefenseName,
  isDefenseParameter,
  parseDefenses,
  type ConfiguredDefense,
} from '../defenses/index.js';
import { InputError } from './input-error.js';
import type { RunOptions } from './run-scenario.js';
import type { ScenarioDefinition } from './scenario.js';

/**
 * `--defenses` and the defence parameters among `--set` pairs. Defence keys start with a
 * defence's switch name (`lockout.threshold=5`, `2fa-mandatory.method=totp`); everything else
 * is a world or scenario parameter. A sweep set may join defences with `+` (`lockout+login-alerts`).
 */
export interface SplitSets {
  defense: string[];
  other: string[];
}

export function splitSets(pairs: readonly string[]): SplitSets {
  const out: SplitSets = { defense: [], other: [] };
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    (isDefenseParameter(key) ? out.defense : out.other).push(pair);
  }
  return out;
}

/** Defence parameters given as an object (`params: { lockout: { threshold: 5 } }`) → `lockout.threshold` pairs. */
export function splitParams(params: Record<string, unknown> | undefined): { defense: Record<string, unknown>; other: Record<string, unknown> } {
  const defense: Record<string, unknown> = {};
  const other: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (isDefenseName(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [field, v] of Object.entries(value)) defense[`${key}.${field}`] = v;
    } else if (isDefenseParameter(key)) defense[key] = value;
    else other[key] = value;
  }
  return { defense, other };
}

/** The defence spec a run uses: `--defenses`, else the scenario's default, else `none`. */
export function defenseSpecOf(scenario: ScenarioDefinition, options: RunOptions): string {
  return (options.defenses ?? scenario.defaults?.defenses ?? 'none').replaceAll('+', ',');
}

/** Parses and validates the run's defences; bad names or values → InputError naming them. */
export function resolveDefenses(scenario: ScenarioDefinition, options: RunOptions): ConfiguredDefense[] {
  const spec = defenseSpecOf(scenario, options);
  const overrides: Record<string, unknown> = { ...splitParams(options.params).defense };
  const given = new Set<string>();
  for (const pair of splitSets(options.set ?? []).defense) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq).trim();
    if (given.has(key)) throw new InputError(`--set: ${key} is set twice`);
    given.add(key);
    overrides[key] = pair.slice(eq + 1).trim();
  }
  try {
    return parseDefenses(spec, overrides);
  } catch (error) {
    if (error instanceof DefenseSpecError) {
      const where = /parameter|value/.test(error.message) ? '--set' : '--defenses';
      throw new InputError(`${where}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * `--defenses` as a user typed it, before any run: an empty list or an empty name between
 * separators (`--defenses ''`, `lockout,,2fa-optional`, `lockout+`) is a slip, not a request
 * for no defences (that is `none`). Names are joined with `,`, or `+` within one sweep set.
 */
export function checkDefenseList(spec: string): void {
  const names = spec.split(/[,+]/).map((n) => n.trim());
  if (names.some((n) => n.length === 0)) {
    throw new InputError(`--defenses: expected defence or profile names separated by "," or "+" (none for no defences), got "${spec}"`);
  }
}

/**
 * A `--set` of a defence that no run switches on would be ignored in silence: refuse it,
 * naming the defence. `specs` are the defence sets the runs use (one for run, each set of a sweep).
 */
export function checkSetDefensesInstalled(specs: readonly string[], pairs: readonly string[]): void {
  const installed = new Set<string>();
  for (const spec of specs) {
    try {
      for (const d of parseDefenses(spec.replaceAll('+', ','))) installed.add(d.name);
    } catch {
      return; // a bad spec is reported, naming itself, by resolveDefenses
    }
  }
  for (const pair of splitSets(pairs).defense) {
    const key = pair.slice(0, pair.indexOf('=')).trim();
    const name = key.slice(0, key.indexOf('.'));
    if (installed.has(name)) continue;
    const sets = specs.map((s) => `"${s}"`).join(', ');
    const where = specs.length === 1 ? `the defence set ${sets}` : `any of the defence sets ${sets}`;
    if (name === '2fa-optional' && installed.has('2fa-mandatory')) {
      throw new InputError(`--set ${pair}: defence 2fa-optional is not installed in ${where}: 2fa-mandatory supersedes it; drop this --set`);
    }
    throw new InputError(`--set ${pair}: defence ${name} is not in ${where}; add ${name} to --defenses, or drop this --set`);
  }
}
