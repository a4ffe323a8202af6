import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../runner/input-error.js';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/** A value that starts with a dash yet is a value, not a flag: `--homes -5`, `--speed -.5`. */
const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/**
 * parseArgs reads `--homes -5` as a flag with its value missing and answers in three lines.
 * A negative number after a flag that takes a value is its value (`--homes=-5`), so the
 * flag's own range check answers; any other dash-word there is a missing value, said in one line.
 */
function joinDashValues(args: readonly string[], options: FlagSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    const next = args[i + 1];
    if (name !== undefined && Object.hasOwn(options, name) && options[name]!.type === 'string' && next?.startsWith('-')) {
      if (!NEGATIVE_NUMBER.test(next)) throw new InputError(`--${name}: expected a value, got the option "${next}" (write --${name}=${next} if that is the value)`);
      out.push(`${arg}=${next}`);
      i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** A flag that takes one value, given twice, is ambiguous: refuse it rather than let the last win. */
function refuseRepeats(tokens: ReadonlyArray<{ kind: string; name?: string; value?: string }>, options: FlagSpec): void {
  const seen = new Map<string, string | undefined>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const spec = options[token.name];
    if (!spec || spec.multiple || spec.type !== 'string') continue;
    if (seen.has(token.name)) {
      throw new InputError(`--${token.name}: given twice ("${seen.get(token.name)}", then "${token.value}"); give it once`);
    }
    seen.set(token.name, token.value);
  }
}

/** node:util parseArgs in strict mode, with its errors turned into one-line InputErrors that name the flag. */
export function parseFlags<T extends FlagSpec>(args: readonly string[], options: T, allowPositionals = true) {
  const prepared = joinDashValues(args, options);
  let parsed;
  try {
    parsed = parseArgs({ args: prepared, options, strict: true, allowPositionals, tokens: true });
  } catch (error) {
    const { code, message } = error as Error & { code?: string };
    const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /^Unknown option '([^']+)'/.exec(message) : null;
    if (unknown) {
      const known = Object.keys(options).map((name) => `--${name}`).join(', ');
      throw new InputError(`${unknown[1]}: not a flag of this command (its flags: ${known})`);
    }
    throw new InputError(message.replace(/^TypeError \[[A-Z_]+\]: /, '').replace(/\s*\n\s*/g, ' '));
  }
  refuseRepeats(parsed.tokens ?? [], options);
  return { values: parsed.values, positionals: parsed.positionals };
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
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw.trim()) || !Number.isFinite(value) || value < min || value > max) {
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
