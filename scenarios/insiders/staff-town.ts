import { z } from 'zod';
import { InputError } from '../../simulator/runner/input-error.js';
import type { WorldParams } from '../../simulator/runner/world-params.js';
import type { StaffRole } from '../../simulator/core/principals.js';
import { E2EE_LOST_FEATURES } from '../../simulator/defenses/e2ee.js';
import type { Simulation } from '../../simulator/runner/simulation.js';
import { staffParamsSchema, type StaffParams } from '../../simulator/staff/staff-params.js';
import { StaffRoom } from '../../simulator/staff/staff-room.js';

/** Parameters every staff scenario shares: the staff room, and the share of homes with an indoor camera. */
export const staffTownParams = {
  staff: staffParamsSchema.prefault({}),
  /** Homes with an indoor camera (an assumption: a town where indoor cameras are common). */
  cameraShare: z.number().min(0).max(1).default(0.6),
};

/** Turns the indoor camera on in `cameraShare` of homes; refuses a hostile role with no staff. */
export function configureStaffTown(params: { staff: StaffParams; cameraShare: number }, world: WorldParams, hostileRole: StaffRole, field: string) {
  if (params.staff[hostileRole] < 1) throw new InputError(`staff.${hostileRole}: the ${field} is in ${hostileRole}, which has no staff (got ${params.staff[hostileRole]})`);
  const camera = world['indoor-camera'] as Record<string, unknown>;
  return { params: { ...world, 'indoor-camera': { ...camera, shareOfHomes: params.cameraShare } } };
}

export function openStaffRoom(sim: Simulation, staff: StaffParams, untilMs: number): StaffRoom {
  const room = new StaffRoom(sim.world, sim.cloud, sim.town.homes.map((h) => h.homeId), staff);
  room.start(untilMs);
  return room;
}

export function staffMetrics(sim: Simulation, defenses: readonly string[]) {
  return { ...StaffRoom.of(sim.world).tally.toMetrics(), 'staff.e2eeFeaturesLost': defenses.includes('e2ee') ? E2EE_LOST_FEATURES.length : 0 };
}
