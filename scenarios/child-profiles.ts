import { z } from 'zod';
import { DAY_MS } from '../simulator/core/duration.js';
import { defineScenario } from '../simulator/runner/scenario.js';
import { finishHouseholds, householdParamsSchema, quietTown, startHouseholds } from './lifecycle/households-kit.js';

/**
 * Two years of households with children's profiles: some children stop using the speaker
 * for good; some parents, told the profile is quiet, ask to keep it. Which quiet profiles
 * are purged, which kept and why, and how many past 18 months and 90 days are still held
 * (children.inactiveProfilesHeld: many under alexa-2019, none under alexa-order-2023).
 */
const params = z
  .object({
    household: householdParamsSchema.default(householdParamsSchema.parse({ childProfileShare: 0.5, goesQuietShare: 0.5 })),
    /** Share of parents who keep a quiet child profile, asking 30 days after it goes quiet (an assumption). */
    keepShare: z.coerce.number().min(0).max(1).default(0.2),
  })
  .strict();

export default defineScenario({
  name: 'child-profiles',
  summary: 'Two years of child profiles going quiet: which are purged, which kept by a parent, which still held',
  params,
  defaults: { homes: 200, duration: '730d', defenses: 'alexa-2019' },
  configure: (_p, world) => quietTown(world),
  setup({ sim, params: p, durationMs }) {
    const run = startHouseholds(sim, p.household, durationMs);
    const random = sim.world.rng('scenarios/child-profiles');
    for (const household of run.households.households) {
      for (const member of household.members) {
        if (!member.child || !Number.isFinite(member.quietAtMs) || !random.chance(p.keepShare)) continue;
        const atMs = member.quietAtMs + 30 * DAY_MS;
        if (atMs < durationMs) sim.world.scheduler.at(atMs, () => run.lifecycle.request({ type: 'keep-child-profile', profile: member.profile }));
      }
    }
  },
  finish: ({ sim }) => finishHouseholds(sim),
});
