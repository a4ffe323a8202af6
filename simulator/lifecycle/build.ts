import { DAY_MS } from '../core/duration.js';
import type { World } from '../core/world.js';
import type { DataGate } from '../cloud/data-gate.js';
import { DataLifecycle, type LifecycleOptions } from './data-lifecycle.js';

/** The lifecycle's own defaults (each an assumption, docs/data-lifecycle.md "Defaults"). */
export const DEFAULT_LIFECYCLE_OPTIONS: LifecycleOptions = {
  /** Daily incremental backups (an assumption: the common nightly schedule). */
  backupEveryMs: DAY_MS,
  /** 35-day backup rotation (an assumption: AWS Backup's default plan keeps dailies 35 days). */
  backupKeptMs: 35 * DAY_MS,
  /** Weekly training jobs (an assumption). */
  trainEveryMs: 7 * DAY_MS,
  /** At most 2,000 items a job: a sample is annotated, not everything (an assumption). */
  trainItemsPerJob: 2000,
};

/** A lifecycle under the data policies installed on `gate` (the cloud's data choke point). */
export function lifecycleFor(world: World, gate: DataGate, options: Partial<LifecycleOptions> = {}): DataLifecycle {
  return new DataLifecycle(world, { ...DEFAULT_LIFECYCLE_OPTIONS, ...options, rules: gate.policies.map((p) => p.lifecycle) });
}

/** The lifecycle installed for each world (runs of a sweep may share a process). */
const installed = new WeakMap<World, DataLifecycle>();

/** Makes `lifecycle` the world's: the cloud's ingest hands voice recordings that cross the broker to it. */
export function installLifecycle(lifecycle: DataLifecycle): DataLifecycle {
  installed.set(lifecycle.world, lifecycle);
  return lifecycle;
}

/** The world's installed lifecycle, if a scenario installed one. */
export function installedLifecycle(world: World): DataLifecycle | undefined {
  return installed.get(world);
}
