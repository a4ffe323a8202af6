import { z } from 'zod';
import { parseDurationMs } from '../core/duration.js';

/**
 * Zod field schemas for defence parameters. Values arrive as numbers from the TypeScript
 * API and as strings from `--set key=value`, so each field coerces: durations accept
 * milliseconds or `15m`/`24h`/`90d`, flags accept `true`/`false`.
 */

function toMs(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  try {
    return parseDurationMs(text);
  } catch {
    return value; // left as a string so the schema reports it with its value
  }
}

function toBool(value: unknown): unknown {
  if (value === 'true' || value === '1' || value === 'on') return true;
  if (value === 'false' || value === '0' || value === 'off') return false;
  return value;
}

/** Whole number in [min, max]. */
export function count(min = 1, max = 1_000_000_000): z.ZodCoercedNumber {
  return z.coerce.number().int().min(min).max(max);
}

/** Real number in [min, max]. */
export function real(min: number, max: number): z.ZodCoercedNumber {
  return z.coerce.number().min(min).max(max);
}

/** Probability in [0, 1]. */
export function probability(): z.ZodCoercedNumber {
  return real(0, 1);
}

/** Virtual milliseconds ≥ min; accepts `900000`, `15m`, `1h30m`. */
export function durationMs(min = 1): z.ZodPreprocess<z.ZodNumber, unknown> {
  return z.preprocess(toMs, z.number().int().min(min));
}

export function flag(): z.ZodPreprocess<z.ZodBoolean, unknown> {
  return z.preprocess(toBool, z.boolean());
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T): z.ZodEnum<{ [K in T[number]]: K }> {
  return z.enum(values);
}
