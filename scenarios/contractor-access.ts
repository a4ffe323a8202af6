import { z } from 'zod';
import { defineScenario } from '../simulator/runner/scenario.js';
import { BulkContractor, bulkContractorSchema } from './insiders/bulk-contractor.js';
import { configureStaffTown, openStaffRoom, staffMetrics, staffTownParams } from './insiders/staff-town.js';

/**
 * Ring's contractors (FTC v. Ring, complaint ¶¶ 14–17): one contractor account works its
 * annotation queue and, every hour on shift, bulk-views and exports clips of homes it has
 * no job for. Least privilege, consent for review, just-in-time access and the audit each
 * meet it differently; compare them with `sweep contractor-access`.
 */
export default defineScenario({
  name: 'contractor-access',
  summary: 'A contractor account bulk-views and exports clips beyond its annotation queue',
  params: z.object({ ...staffTownParams, contractor: bulkContractorSchema.prefault({}) }).strict(),
  defaults: { homes: 200, duration: '7d', defenses: 'ring-2017' },
  configure: (params, world) => configureStaffTown(params, world, 'contractor', 'bulk contractor'),
  setup({ sim, params, durationMs }) {
    const untilMs = sim.world.now() + durationMs;
    const room = openStaffRoom(sim, params.staff, untilMs);
    const member = room.roster.find((m) => m.role === 'contractor')!;
    new BulkContractor(room, member, params.contractor, sim.world.rng('scenarios/contractor-access/contractor')).start(untilMs);
  },
  finish: ({ sim, defenses }) => staffMetrics(sim, defenses),
});
