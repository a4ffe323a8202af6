import { z } from 'zod';
import { DAY_MS } from '../simulator/core/duration.js';
import type { DataRequest } from '../simulator/lifecycle/requests.js';
import { defineScenario } from '../simulator/runner/scenario.js';
import { finishHouseholds, householdParamsSchema, quietTown, startHouseholds } from './lifecycle/households-kit.js';

/**
 * Parents ask the cloud to delete: one recording, their voice history, their location
 * history, a child's profile, the whole account — some ask again a month later. After the
 * run every request's receipt is checked against every store and every serving model
 * (data.residualShare: alexa-2019 leaves transcripts and location behind; alexa-order-2023 none).
 */
const params = z
  .object({
    household: householdParamsSchema.default(householdParamsSchema.parse({})),
    /** Share of households that ask for a deletion during the run (an assumption). */
    requestShare: z.coerce.number().min(0).max(1).default(0.3),
    /** Share of those who ask again 30 days later (the complaint: parents asked repeatedly). */
    repeatShare: z.coerce.number().min(0).max(1).default(0.3),
  })
  .strict();

export default defineScenario({
  name: 'deletion-request',
  summary: 'Parents ask for deletion (some repeatedly): what of each subject is really gone, from every store and model',
  params,
  defaults: { homes: 200, duration: '180d', defenses: 'alexa-2019' },
  configure: (_p, world) => quietTown(world),
  setup({ sim, params: p, durationMs }) {
    const run = startHouseholds(sim, p.household, durationMs);
    const { lifecycle } = run;
    const random = sim.world.rng('scenarios/deletion-request');
    for (const household of run.households.households) {
      if (!random.chance(p.requestShare)) continue;
      // Asked in the first half, so the stated completion time falls inside the run.
      const atMs = 30 * DAY_MS + Math.floor(random.float() * Math.max(0, durationMs / 2 - 30 * DAY_MS));
      const pick = random.float();
      const adult = household.members[0]!.profile;
      const child = household.members.find((m) => m.child)?.profile;
      const ask = (): void => {
        let request: DataRequest;
        if (pick < 0.1) {
          const recording = lifecycle.store.itemsOf(adult).find((id) => lifecycle.store.kindOf(id) === 'voice-recording' && !lifecycle.store.isBackup(id));
          request = { type: 'delete-recording', itemId: recording ?? -1 };
        } else if (pick < 0.55) request = { type: 'delete-voice-history', profile: child ?? adult };
        else if (pick < 0.75) request = { type: 'delete-location-history', profile: adult };
        else if (pick < 0.92 && child !== undefined) request = { type: 'delete-child-profile', profile: child };
        else request = { type: 'delete-account', homeIndex: household.homeIndex };
        lifecycle.request(request);
      };
      const again = random.chance(p.repeatShare);
      sim.world.scheduler.at(atMs, ask);
      if (again) sim.world.scheduler.at(atMs + 30 * DAY_MS, ask);
    }
  },
  finish: ({ sim }) => finishHouseholds(sim),
});
