import type { Cloud } from '../cloud/cloud.js';
import { DEFENSE_NAMES, definitionOf, isDefenseName } from './catalog.js';
import type { Detection } from './defense.js';
import { installedDefenses } from './installed.js';

/** What the `detections` metric counts for one cloud: read by simulator/metrics/detection-counter.ts. */
export interface DeclaredDetections {
  /** The installed defences' declarations, each declaration object once, in install order. */
  readonly installed: readonly Detection[];
  /**
   * Every metric a known defence (built-in or registered) declares, in catalogue order: a
   * report carries each of them, 0 when its defence is off, so the keys of a report do not
   * depend on the defence set (a sweep table compares them across sets).
   */
  readonly metrics: readonly string[];
}

/** The detections of the defences installed on `cloud`; call it after installDefenses. */
export function declaredDetections(cloud: Cloud): DeclaredDetections {
  const installed = new Set<Detection>();
  for (const defense of installedDefenses(cloud)) {
    if (!isDefenseName(defense.name)) continue; // built by hand, outside the catalogue: it declares nothing
    for (const detection of definitionOf(defense.name).detects ?? []) installed.add(detection);
  }
  const metrics = new Set<string>();
  for (const name of DEFENSE_NAMES) {
    for (const detection of definitionOf(name).detects ?? []) if (detection.metric !== undefined) metrics.add(detection.metric);
  }
  return { installed: [...installed], metrics: [...metrics] };
}
