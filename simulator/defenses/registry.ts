import { addRegisteredDefinition, isDefenseName } from './catalog.js';
import type { DefenseDefinition } from './defense.js';
import { isProfileName } from './profiles.js';

/**
 * Defences added at run time, beside the built-in catalogue (catalog.ts): a user's scenario
 * or a test defines one with `defineDefense` and registers it, and from then on it is a
 * switch like the others — `--defenses` and `--set` accept its name, `installDefenses`
 * plugs it in after every built-in defence (in the order registered), and its declared
 * detections (`detects`) count in the `detections` metric.
 *
 * The registry is per process (one module state, like the catalogue itself): register
 * before parsing a defence set that names the defence. There is no unregistering: a run's
 * meaning must not depend on when it started. Pick a name no scenario parameter group uses
 * (`attack`, `population`, `app`…): `--set name.field` goes to the defence of that name.
 */

/** Switch names become `--set name.field` prefixes and items of comma-separated lists. */
const SWITCH_NAME = /^[a-z][a-z0-9-]{0,63}$/;

/**
 * Adds a defence. Refuses a name that is not kebab-case (at most 64 characters) or that a
 * built-in or registered defence or a profile already uses: names must mean one thing.
 */
export function registerDefense(definition: DefenseDefinition): void {
  const name: unknown = definition.name;
  if (typeof name !== 'string' || !SWITCH_NAME.test(name)) {
    throw new Error(`registerDefense: the name must be kebab-case (a-z, 0-9, -; at most 64 characters), got ${JSON.stringify(name)}`);
  }
  if (isDefenseName(name)) throw new Error(`registerDefense: a defence called "${name}" already exists`);
  if (isProfileName(name)) throw new Error(`registerDefense: "${name}" is a profile name`);
  addRegisteredDefinition(definition);
}
