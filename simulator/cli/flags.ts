import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../runner/input-error.js';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, with its errors turned into InputErrors that name the flag. */
export function parseFlags<T extends FlagSpec>(args: readonly string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals });
  } catch (error) {
    const message = (error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, '');
    throw new InputError(message);
  }
}

/** A whole number flag, with bounds; the error names the flag and the value. */
export function intFlag(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InputError(`--${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** A positive number flag (speeds, rates). */
export function numberFlag(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new InputError(`--${name}: expected a number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function choiceFlag<C extends string>(name: string, raw: string | undefined, choices: readonly C[]): C | undefined {
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw)) throw new InputError(`--${name}: expected one of ${choices.join(', ')}, got "${raw}"`);
  return raw as C;
}

/** Flags every simulating command shares (DESIGN.md, "CLI"). */
export const COMMON_RUN_FLAGS = {
  seed: { type: 'string' },
  homes: { type: 'string' },
  duration: { type: 'string' },
  defenses: { type: 'string' },
  transport: { type: 'string' },
  set: { type: 'string', multiple: true },
  json: { type: 'string' },
  csv: { type: 'string' },
  html: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies FlagSpec;
