import { z } from 'zod';
import { DAY_MS } from '../simulator/core/duration.js';
import { defineScenario } from '../simulator/runner/scenario.js';
import { finishHouseholds, householdParamsSchema, quietTown, startHouseholds } from './lifecycle/households-kit.js';

/**
 * An audit after the fact (the Ring order): a year of training on voice transcripts and on
 * labels of camera clips, some reviewed without consent, some from households that later
 * asked for deletion. Which model versions must go, how much training data that costs, what
 * a retrain costs (models.withdrawn, models.trainingItemsLost, models.retrainedItems), and
 * what still serves with a tainted ancestor (models.taintedServing).
 */
const params = z
  .object({
    household: householdParamsSchema.default(householdParamsSchema.parse({ cameraShare: 0.6, labelShare: 0.1 })),
    /** Share of households that ask to delete their voice history during the run (an assumption). */
    requestShare: z.coerce.number().min(0).max(1).default(0.1),
  })
  .strict();

export default defineScenario({
  name: 'algorithmic-disgorgement',
  summary: 'Audit after the fact: model versions trained on unlawfully reviewed, unconsented or deleted data, withdrawn and retrained',
  params,
  defaults: { homes: 200, duration: '365d', defenses: 'alexa-2019' },
  configure: (_p, world) => quietTown(world),
  setup({ sim, params: p, durationMs }) {
    const run = startHouseholds(sim, p.household, durationMs);
    const random = sim.world.rng('scenarios/algorithmic-disgorgement');
    for (const household of run.households.households) {
      if (!random.chance(p.requestShare)) continue;
      const atMs = 30 * DAY_MS + Math.floor(random.float() * Math.max(0, durationMs - 60 * DAY_MS));
      sim.world.scheduler.at(atMs, () => run.lifecycle.request({ type: 'delete-voice-history', profile: household.members[0]!.profile }));
    }
  },
  finish: ({ sim }) => finishHouseholds(sim),
});
