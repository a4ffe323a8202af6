import { z } from 'zod';
import { defineScenario } from '../simulator/runner/scenario.js';
import { Insider, insiderSchema } from './insiders/insider.js';
import { configureStaffTown, openStaffRoom, staffMetrics, staffTownParams } from './insiders/staff-town.js';

/**
 * The FTC's first story about Ring (complaint ¶¶ 20–23): a staff member who, between real
 * tickets, browses customers' clips picked by camera name and room, more each week, in a
 * town where indoor cameras are common and the vendor's people do their ordinary work.
 * Compare `--defenses ring-2017,staff-least-privilege,staff-jit-access,access-audit,ftc-order-2023,e2ee`.
 */
export default defineScenario({
  name: 'insider-browsing',
  summary: 'A staff member browses private camera clips between tickets, escalating over weeks',
  params: z.object({ ...staffTownParams, insider: insiderSchema.prefault({}) }).strict(),
  defaults: { homes: 200, duration: '28d', defenses: 'ring-2017' },
  configure: (params, world) => configureStaffTown(params, world, params.insider.role, 'insider'),
  setup({ sim, params, durationMs }) {
    const untilMs = sim.world.now() + durationMs;
    const room = openStaffRoom(sim, params.staff, untilMs);
    const member = room.roster.find((m) => m.role === params.insider.role)!;
    new Insider(room, member, params.insider, sim.world.rng('scenarios/insider-browsing/insider')).start(untilMs);
  },
  finish: ({ sim, defenses }) => staffMetrics(sim, defenses),
});
