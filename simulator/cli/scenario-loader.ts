import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILT_IN_SCENARIOS, builtInScenario } from '../../scenarios/index.js';
import { InputError } from '../runner/input-error.js';
import type { ScenarioDefinition } from '../runner/scenario.js';
import { registerUserFileLoader } from './user-file-loader.js';

/** Longest loader message kept on the one error line; esbuild's can run to pages. */
const MAX_REASON_CHARS = 400;

function looksLikePath(name: string): boolean {
  return name.includes('/') || name.includes('\\') || /\.(ts|mts|js|mjs)$/.test(name);
}

function isScenario(value: unknown): value is ScenarioDefinition {
  const v = value as Partial<ScenarioDefinition> | undefined;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.summary === 'string';
}

/** A load failure as one line: the project's contract is a one-line message on bad input. */
export function oneLineReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.replace(/^Transform failed with \d+ errors?:\s*/, '').replace(/\s*\n\s*/g, ' ').trim();
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS - 1)}…` : line;
}

/** A hint for the usual mistake: a copied built-in still imports the simulator by relative path. */
function hintFor(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'ERR_MODULE_NOT_FOUND' && /\/simulator\//.test(message)) return " (import from 'smarthome-sim' instead of a relative path into the simulator)";
  return '';
}

/**
 * A built-in scenario by name, or a user's scenario file (`./my-scenario.ts`, anywhere) whose
 * default export comes from `defineScenario`. TypeScript loads through tsx, and the module hooks
 * (user-scenario-hooks.mjs, registered by user-file-loader.ts) let the file import 'smarthome-sim'
 * from any directory.
 */
export async function loadScenario(name: string): Promise<ScenarioDefinition> {
  if (!looksLikePath(name)) {
    return builtInScenario(name, (message) => new InputError(`scenario: ${message} (or a path to a .ts file)`));
  }
  const path = resolve(name);
  if (!existsSync(path)) throw new InputError(`scenario: no such file "${name}"`);
  if (!statSync(path).isFile()) throw new InputError(`scenario: "${name}" is not a file`);
  let module: { default?: unknown };
  try {
    await registerUserFileLoader();
    module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    throw new InputError(`scenario: cannot load "${name}": ${oneLineReason(error)}${hintFor(error)}`);
  }
  const scenario = module.default;
  if (!isScenario(scenario)) throw new InputError(`scenario: "${name}" must default-export defineScenario({ name, summary, ... })`);
  // Reports and replay hints name the scenario: a copy keeping a built-in's name would replay the built-in.
  if (BUILT_IN_SCENARIOS.some((s) => s.name === scenario.name && s !== scenario)) {
    throw new InputError(`scenario: "${name}" is named "${scenario.name}", the name of a built-in scenario; give it a name of its own`);
  }
  return scenario;
}
