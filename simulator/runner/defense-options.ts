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
  for (const pair of splitSets(options.set ?? []).defense) {
    const eq = pair.indexOf('=');
    overrides[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
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
