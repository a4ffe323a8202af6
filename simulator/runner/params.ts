import { z } from 'zod';
import { InputError } from './input-error.js';

/**
 * Turns `--set a.b=value` pairs into a nested object. Values are read as JSON when they parse
 * (numbers, booleans, arrays) and as plain strings otherwise, so `--set attack.list=top100`
 * and `--set population.reuseRate=0.5` both work.
 */
export function parseSets(pairs: readonly string[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new InputError(`--set: expected key=value, got "${pair}"`);
    const key = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1);
    if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(key)) throw new InputError(`--set: "${key}" is not a dotted parameter name`);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // not JSON: keep the string
    }
    const path = key.split('.');
    let node = root;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      if (next !== undefined && (typeof next !== 'object' || next === null)) throw new InputError(`--set: ${key} conflicts with an earlier --set of ${part}`);
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    node[path[path.length - 1]!] = value;
  }
  return root;
}

/** Deep merge for parameter objects: `over` wins; arrays and scalars replace. */
export function mergeParams<T>(base: T, over: unknown): T {
  if (typeof over !== 'object' || over === null || Array.isArray(over)) return over === undefined ? base : (over as T);
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return over as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = mergeParams(out[k], v);
  return out as T;
}

/**
 * Validates scenario parameters against a zod schema; the error names every bad field by its
 * dotted name with the value it got, and rejects unknown names (typos must not pass silently).
 */
export function validateParams<S extends z.ZodType>(schema: S, value: unknown, what = 'parameter'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => (name ? `${name}.${k}` : k));
      return `unknown ${what} ${keys.join(', ')}`;
    }
    const got = valueAt(value, issue.path);
    return `${what} ${name || '(root)'}=${JSON.stringify(got)}: ${issue.message}`;
  });
  throw new InputError(problems.join('; '));
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
