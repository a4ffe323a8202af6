import type { Cloud } from '../cloud/cloud.js';
import type { Defense } from './defense.js';

/**
 * Which defences are plugged into which cloud. A separate module so a defence's helpers
 * (breached-password screening, solving a challenge, reading a code) can find the installed
 * instance without importing install.ts, which imports every defence.
 */
const byCloud = new WeakMap<Cloud, Map<string, Defense>>();

export function registerInstalled(cloud: Cloud, defenses: readonly Defense[]): void {
  if (byCloud.has(cloud)) throw new Error('installDefenses: defences are already installed on this cloud; build a new World and Cloud per run');
  byCloud.set(cloud, new Map(defenses.map((d) => [d.name, d])));
}

/** The installed defence called `name`, if that switch is on for this cloud. */
export function installedDefense(cloud: Cloud, name: string): Defense | undefined {
  return byCloud.get(cloud)?.get(name);
}

/** Installed defences in install order (empty when none were installed). */
export function installedDefenses(cloud: Cloud): Defense[] {
  return [...(byCloud.get(cloud)?.values() ?? [])];
}

/** Adds a defence built after installDefenses (switched on mid-run, toggle.ts); it then counts in defenseStats. */
export function registerLate(cloud: Cloud, defense: Defense): void {
  const map = byCloud.get(cloud);
  if (!map) throw new Error('registerLate: install the defences of this cloud first (installDefenses)');
  map.set(defense.name, defense);
}
