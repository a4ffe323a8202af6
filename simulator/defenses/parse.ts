import { z } from 'zod';
import {
  DEFENSE_NAMES,
  INSTALL_ORDER,
  definitionOf,
  isDefenseName,
  type ConfiguredDefense,
  type DefenseInput,
  type DefenseName,
} from './catalog.js';
import { PROFILES, PROFILE_NAMES, isProfileName, type Profile } from './profiles.js';

/**
 * `--defenses a,b,c` and `--set name.field=value` → configured defences.
 *
 * Names may be defences or profiles (which expand to their defences and parameters).
 * Parameters merge in order: defaults, then profile parameters in the order named, then
 * overrides. `2fa-mandatory` supersedes `2fa-optional` (it prompts every account, enrolled
 * ones with their own factor), so naming both keeps the mandatory one. Override keys whose
 * first segment is not a defence name belong to someone else (scenario parameters) and are
 * ignored; keys under a defence must name a real field with a valid value, whether or not
 * that defence is switched on (a sweep applies the same --set to every defence set; the CLI
 * refuses a --set of a defence that no set switches on). Naming one name twice is refused.
 */
export type DefenseOverrides = Readonly<Record<string, unknown>> | readonly string[];

export class DefenseSpecError extends Error {
  override readonly name = 'DefenseSpecError';
}

export function parseDefenses(spec: string | readonly string[], overrides: DefenseOverrides = {}): ConfiguredDefense[] {
  const tokens = (typeof spec === 'string' ? spec.split(',') : spec).map((t) => t.trim()).filter((t) => t.length > 0);
  const chosen = new Map<DefenseName, Record<string, unknown>>();
  const off = new Set<DefenseName>();
  const named = new Set<string>();
  for (const token of tokens) {
    // A name given twice means nothing more than once; it is a slip, so say so.
    if (named.has(token)) throw new DefenseSpecError(`"${token}" is named twice in "${typeof spec === 'string' ? spec : spec.join(',')}"`);
    named.add(token);
    if (isProfileName(token)) {
      const profile: Profile = PROFILES[token];
      for (const d of profile.defenses) add(chosen, d.name, d.params);
      for (const name of profile.off ?? []) off.add(name);
    } else if (isDefenseName(token)) {
      add(chosen, token, undefined);
    } else {
      throw new DefenseSpecError(
        `unknown defence "${token}"; valid defences: ${DEFENSE_NAMES.join(', ')}; profiles: ${PROFILE_NAMES.join(', ')}`,
      );
    }
  }
  for (const [key, value] of overrideEntries(overrides)) {
    const dot = key.indexOf('.');
    const name = dot > 0 ? key.slice(0, dot) : '';
    if (!isDefenseName(name)) continue;
    const parsed = parseField(name, key.slice(dot + 1), value, key);
    const params = chosen.get(name);
    if (params) params[key.slice(dot + 1)] = parsed;
  }
  for (const name of off) {
    if (chosen.has(name)) throw new DefenseSpecError(`${name} is named in "${typeof spec === 'string' ? spec : spec.join(',')}" and turned off by a profile in it; keep one`);
  }
  return resolve(chosen, { addDefaults: true, off });
}

/**
 * Resolves caller-written inputs (partial parameters) the same way, for installDefenses. A
 * list of objects is taken as the whole set: defences that are on by default are on only if
 * listed (parseDefenses lists them, marked `byDefault`, so its result passes through whole).
 */
export function configureDefenses(inputs: readonly DefenseInput[]): ConfiguredDefense[] {
  const chosen = new Map<DefenseName, Record<string, unknown>>();
  const byDefault = new Set<DefenseName>();
  for (const input of inputs) {
    if (!isDefenseName(input.name)) {
      throw new DefenseSpecError(`unknown defence "${String(input.name)}"; valid defences: ${DEFENSE_NAMES.join(', ')}`);
    }
    add(chosen, input.name, input.params);
    if (input.byDefault) byDefault.add(input.name);
  }
  return resolve(chosen, { addDefaults: false, byDefault });
}

/** True when `key` is a defence parameter (`lockout.threshold`), so a CLI can route `--set` pairs. */
export function isDefenseParameter(key: string): boolean {
  const dot = key.indexOf('.');
  return dot > 0 && isDefenseName(key.slice(0, dot));
}

function add(chosen: Map<DefenseName, Record<string, unknown>>, name: DefenseName, params: object | undefined): void {
  chosen.set(name, { ...(chosen.get(name) ?? {}), ...(params ?? {}) });
}

function overrideEntries(overrides: DefenseOverrides): Array<[string, unknown]> {
  if (!Array.isArray(overrides)) return Object.entries(overrides as Record<string, unknown>);
  return (overrides as readonly string[]).map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new DefenseSpecError(`cannot read "${pair}" as a parameter; use name.field=value, e.g. lockout.threshold=5`);
    return [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
  });
}

function parseField(name: DefenseName, field: string, value: unknown, label: string): unknown {
  const shape: Readonly<Record<string, z.core.$ZodType>> = definitionOf(name).schema.shape;
  const schema = Object.prototype.hasOwnProperty.call(shape, field) ? shape[field] : undefined;
  if (!schema) {
    throw new DefenseSpecError(`unknown parameter "${label}"; ${name} has: ${Object.keys(shape).map((f) => `${name}.${f}`).join(', ')}`);
  }
  const result = z.safeParse(schema, value);
  if (!result.success) {
    const hint = field.endsWith('Ms') ? ' (milliseconds, or a duration such as 15m, 24h, 90d)' : '';
    throw new DefenseSpecError(`invalid value for ${label}: ${JSON.stringify(value)}: ${result.error.issues[0]!.message}${hint}`);
  }
  return result.data;
}

interface ResolveOptions {
  /** Add the defences that are on by default, except those in `off` (a --defenses string). */
  addDefaults: boolean;
  off?: ReadonlySet<DefenseName>;
  /** Chosen defences that came by default (a resolved list passed through again). */
  byDefault?: ReadonlySet<DefenseName>;
}

function resolve(chosen: Map<DefenseName, Record<string, unknown>>, options: ResolveOptions): ConfiguredDefense[] {
  if (chosen.has('2fa-mandatory')) chosen.delete('2fa-optional');
  const byDefault = new Set<DefenseName>(options.byDefault ?? []);
  if (options.addDefaults) {
    for (const name of INSTALL_ORDER) {
      if (definitionOf(name).onByDefault && !chosen.has(name) && !options.off?.has(name)) {
        chosen.set(name, {});
        byDefault.add(name);
      }
    }
  }
  const out: ConfiguredDefense[] = [];
  for (const name of INSTALL_ORDER) {
    const given = chosen.get(name);
    if (!given) continue;
    const definition = definitionOf(name);
    const params: Record<string, unknown> = { ...(definition.defaults as Record<string, unknown>) };
    for (const [field, value] of Object.entries(given)) params[field] = parseField(name, field, value, `${name}.${field}`);
    const problem = definition.check?.(params as never);
    if (problem) throw new DefenseSpecError(problem);
    out.push((byDefault.has(name) ? { name, params, byDefault: true } : { name, params }) as ConfiguredDefense);
  }
  return out;
}
