import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILT_IN_SCENARIOS } from '../../scenarios/index.js';
import { InputError } from '../runner/input-error.js';
import type { ScenarioDefinition } from '../runner/scenario.js';

function looksLikePath(name: string): boolean {
  return name.includes('/') || name.includes('\\') || /\.(ts|mts|js|mjs)$/.test(name);
}

function isScenario(value: unknown): value is ScenarioDefinition {
  const v = value as Partial<ScenarioDefinition> | undefined;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.summary === 'string';
}

/**
 * A built-in scenario by name, or a user's scenario file (`./my-scenario.ts`) whose default
 * export comes from `defineScenario`. TypeScript files load through tsx, registered by the bin.
 */
export async function loadScenario(name: string): Promise<ScenarioDefinition> {
  if (!looksLikePath(name)) {
    const found = BUILT_IN_SCENARIOS.find((s) => s.name === name);
    if (!found) throw new InputError(`scenario: unknown scenario "${name}"; known: ${BUILT_IN_SCENARIOS.map((s) => s.name).join(', ')} (or a path to a .ts file)`);
    return found;
  }
  const path = resolve(name);
  if (!existsSync(path)) throw new InputError(`scenario: no such file "${name}"`);
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    throw new InputError(`scenario: cannot load "${name}": ${(error as Error).message}`);
  }
  if (!isScenario(module.default)) throw new InputError(`scenario: "${name}" must default-export defineScenario({ name, summary, ... })`);
  return module.default;
}
