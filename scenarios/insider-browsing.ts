import { z } from 'zod';
import { InputError } from '../simulator/runner/input-error.js';
import { defineScenario } from '../simulator/runner/scenario.js';
import { E2EE_LOST_FEATURES } from '../simulator/defenses/e2ee.js';
import { staffParamsSchema } from '../simulator/staff/staff-params.js';
import { StaffRoom } from '../simulator/staff/staff-room.js';
import { Insider, insiderSchema } from './insiders/insider.js';

/**
 * The FTC's first story about Ring (complaint ¶¶ 20–23): a staff member who, between real
 * tickets, browses customers' clips picked by camera name and room, more each week, in a
 * town where indoor cameras are common and the vendor's people do their ordinary work.
 * Compare `--defenses ring-2017,staff-least-privilege,staff-jit-access,access-audit,ftc-order-2023,e2ee`.
 */
export default defineScenario({
  name: 'insider-browsing',
  summary: 'A staff member browses private camera clips between tickets, escalating over weeks',
  params: z
    .object({
      staff: staffParamsSchema.prefault({}),
      insider: insiderSchema.prefault({}),
      /** Homes with an indoor camera (an assumption: a town where indoor cameras are common). */
      cameraShare: z.number().min(0).max(1).default(0.6),
    })
    .strict(),
  defaults: { homes: 200, duration: '28d', defenses: 'ring-2017' },
  configure(params, world) {
    const role = params.insider.role;
    if (params.staff[role] < 1) throw new InputError(`staff.${role}: the insider is in ${role}, which has no staff (got ${params.staff[role]})`);
    const camera = world['indoor-camera'] as Record<string, unknown>;
    return { params: { ...world, 'indoor-camera': { ...camera, shareOfHomes: params.cameraShare } } };
  },
  setup({ sim, params, durationMs }) {
    const untilMs = sim.world.now() + durationMs;
    const room = new StaffRoom(sim.world, sim.cloud, sim.town.homes.map((h) => h.homeId), params.staff);
    room.start(untilMs);
    const member = room.roster.find((m) => m.role === params.insider.role)!;
    new Insider(room, member, params.insider, sim.world.rng('scenarios/insider-browsing/insider')).start(untilMs);
  },
  finish({ sim, defenses }) {
    const room = StaffRoom.of(sim.world);
    return { ...room.tally.toMetrics(), 'staff.e2eeFeaturesLost': defenses.includes('e2ee') ? E2EE_LOST_FEATURES.length : 0 };
  },
});
