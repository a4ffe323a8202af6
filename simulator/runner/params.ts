import { z } from 'zod';
import { InputError } from './input-error.js';

/**
 * Names that reach an object's prototype machinery when used as keys (`__proto__.x=1` would
 * set `Object.prototype.x`). No parameter is called that; refusing them keeps every path walk safe.
 */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key);
}

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
    const path = key.split('.');
    const unsafe = path.find(isUnsafeKey);
    if (unsafe !== undefined) throw new InputError(`--set: "${key}" is not a parameter name ("${unsafe}" is reserved)`);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // not JSON: keep the string
    }
    // JSON reads 1e999 as Infinity, which no schema takes and which prints as null: keep what was typed.
    if (typeof value === 'number' && !Number.isFinite(value)) value = raw;
    let node = root;
    for (const part of path.slice(0, -1)) {
      // Own properties only: a walk must never step into an inherited object.
      const next = Object.hasOwn(node, part) ? node[part] : undefined;
      if (next !== undefined && (typeof next !== 'object' || next === null || Array.isArray(next))) {
        throw new InputError(`--set: ${key} conflicts with an earlier --set of ${part}`);
      }
      node = (next ?? (node[part] = {})) as Record<string, unknown>;
    }
    const last = path[path.length - 1]!;
    if (Object.hasOwn(node, last)) throw new InputError(`--set: ${key} is set twice`);
    node[last] = value;
  }
  return root;
}

/** Deep merge for parameter objects: `over` wins; arrays and scalars replace. */
export function mergeParams<T>(base: T, over: unknown): T {
  if (typeof over !== 'object' || over === null || Array.isArray(over)) return over === undefined ? base : (over as T);
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return over as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) {
    // A JSON-parsed or hand-written object may hold an own "__proto__" key; assigning it would swap out's prototype.
    if (isUnsafeKey(k)) throw new InputError(`parameter "${k}" is not a parameter name (reserved)`);
    out[k] = mergeParams(Object.hasOwn(out, k) ? out[k] : undefined, v);
  }
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
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
