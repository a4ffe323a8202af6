import { z } from 'zod';
import { DAY_MS } from '../../simulator/core/duration.js';
import type { MetricValue } from '../../simulator/metrics/recorder.js';
import type { Simulation } from '../../simulator/runner/simulation.js';
import type { WorldParams } from '../../simulator/runner/world-params.js';
import { installLifecycle, lifecycleFor } from '../../simulator/lifecycle/build.js';
import type { DataLifecycle } from '../../simulator/lifecycle/data-lifecycle.js';
import { DEFAULT_HOUSEHOLD_PARAMS, Households } from '../../simulator/lifecycle/households.js';
import { ITEM_KINDS } from '../../simulator/lifecycle/items.js';

/**
 * What the three data-lifecycle scenarios share: the households' parameters, a town whose
 * doorbells and apps stay quiet (the study is the voice assistant's data over years, and a
 * doorbell's dozen clips a day for two years would be the whole cost), and the metrics.
 */
const share = z.coerce.number().min(0).max(1);
const rate = z.coerce.number().min(0).max(100);

export const householdParamsSchema = z
  .object({
    childProfileShare: share.default(DEFAULT_HOUSEHOLD_PARAMS.childProfileShare),
    adultActivationsPerDay: rate.default(DEFAULT_HOUSEHOLD_PARAMS.adultActivationsPerDay),
    childActivationsPerDay: rate.default(DEFAULT_HOUSEHOLD_PARAMS.childActivationsPerDay),
    goesQuietShare: share.default(DEFAULT_HOUSEHOLD_PARAMS.goesQuietShare),
    locationPingsPerDay: rate.default(DEFAULT_HOUSEHOLD_PARAMS.locationPingsPerDay),
    cameraShare: share.default(DEFAULT_HOUSEHOLD_PARAMS.cameraShare),
    clipsPerDay: rate.default(DEFAULT_HOUSEHOLD_PARAMS.clipsPerDay),
    labelShare: share.default(DEFAULT_HOUSEHOLD_PARAMS.labelShare),
    unlawfulReviewShare: share.default(DEFAULT_HOUSEHOLD_PARAMS.unlawfulReviewShare),
    trainingConsentShare: share.default(DEFAULT_HOUSEHOLD_PARAMS.trainingConsentShare),
  })
  .strict();

/** The doorbells and apps of the town at rest: no motion, no rings, no app opens, a monthly status. */
export function quietTown(world: WorldParams): { params: WorldParams } {
  return {
    params: {
      ...world,
      doorbell: { ...world.doorbell, motionPerDay: 0, dingsPerDay: 0, statusEveryMs: 30 * DAY_MS },
      app: { ...world.app, opensPerDay: 0, passwordLoginsPerDay: 0 },
    },
  };
}

export interface LifecycleRun {
  readonly lifecycle: DataLifecycle;
  readonly households: Households;
}

/** Each run's lifecycle, by its simulation (runs of a sweep may share a process). */
const runs = new WeakMap<Simulation, LifecycleRun>();

/** One household per home of the town, under the data policies the run installed. */
export function startHouseholds(sim: Simulation, params: z.output<typeof householdParamsSchema>, durationMs: number): LifecycleRun {
  // Installed, so a voice assistant's recordings over MQTT join the same lifecycle (off by default).
  const lifecycle = installLifecycle(lifecycleFor(sim.world, sim.cloud.data));
  const households = new Households(lifecycle, sim.world.rng('lifecycle/households'), params, sim.town.homes.length, durationMs);
  lifecycle.start();
  households.start();
  const run = { lifecycle, households };
  runs.set(sim, run);
  return run;
}

/** The run's report keys, after it (undefined when setup never ran). */
export function finishHouseholds(sim: Simulation): Record<string, MetricValue> | undefined {
  const run = runs.get(sim);
  return run ? lifecycleMetrics(run) : undefined;
}

const INACTIVE_LIMIT_MS = (548 + 90) * DAY_MS;

/** The report keys of docs/data-lifecycle.md ("Metrics"). */
export function lifecycleMetrics({ lifecycle, households }: LifecycleRun): Record<string, MetricValue> {
  const now = lifecycle.world.now();
  // What an audit at the end would have to withdraw; with disgorgement installed, that audit runs.
  const taintedVersions = lifecycle.models.taintedVersions();
  if (lifecycle.rules.disgorgement) lifecycle.models.disgorge(now);
  const due = lifecycle.receipts.filter((r) => r.completeByMs <= now);
  const checks = due.map((r) => lifecycle.verifyReceipt(r));
  const residualByStore: Record<string, number> = {};
  for (const c of checks) for (const [store, n] of Object.entries(c.residualByStore)) residualByStore[store] = (residualByStore[store] ?? 0) + n;
  const complete = due.filter((_r, i) => checks[i]!.residualItems === 0 && checks[i]!.servingModelDependencies === 0);
  const held = [...lifecycle.profiles].filter((p) => p.child && !p.keptByParent && p.deletedAtMs === undefined && now - p.lastActiveMs > INACTIVE_LIMIT_MS).length;
  const out: Record<string, MetricValue> = {
    'data.requests': lifecycle.receipts.length,
    'data.requestsRefused': lifecycle.refusedRequests,
    'data.residualItems': checks.reduce((n, c) => n + c.residualItems, 0),
    'data.residualShare': checks.length === 0 ? null : checks.reduce((n, c) => n + c.residualShare, 0) / checks.length,
    'data.residualModelDependencies': checks.reduce((n, c) => n + c.servingModelDependencies, 0),
    'data.requestsIncomplete': due.length - complete.length,
    'data.deletionCompleteSeconds': complete.length === 0 ? null : complete.reduce((n, r) => n + (r.completeByMs - r.requestedAtMs) / 1000, 0) / complete.length,
    'data.storedItems': lifecycle.store.live,
    'data.storedBackups': lifecycle.store.liveBackups,
    'data.householdActions': households.actions,
    'children.profiles': [...lifecycle.profiles].filter((p) => p.child).length,
    'children.purged': lifecycle.purgedChildProfiles,
    'children.keptByParent': [...lifecycle.profiles].filter((p) => p.child && p.keptByParent).length,
    'children.inactiveProfilesHeld': held,
    'models.versions': lifecycle.models.allVersions.length,
    'models.withdrawn': lifecycle.models.withdrawnVersions,
    'models.taintedVersions': taintedVersions,
    'models.taintedServing': lifecycle.models.taintedServing(),
    'models.trainingItemsLost': lifecycle.models.trainingItemsLost,
    'models.trainingItemsDeleted': lifecycle.models.trainingItemsDeleted,
    'models.retrainedItems': lifecycle.models.retrainedItems,
  };
  for (const store of [...ITEM_KINDS, 'backup']) out[`data.residual.${store}`] = residualByStore[store] ?? 0;
  return out;
}
