import { z } from 'zod';
import { STAFF_ROLES } from '../simulator/core/principals.js';
import { InputError } from '../simulator/runner/input-error.js';
import { defineScenario } from '../simulator/runner/scenario.js';
import { intruderSchema, StaffIntruder } from './insiders/staff-intruder.js';
import { configureStaffTown, openStaffRoom, staffMetrics, staffTownParams } from './insiders/staff-town.js';

/**
 * Issue 14 item 3: staff console passwords phished or reused, then used from outside — exit
 * IPs of a proxy pool (the stuffing machinery's Botnet), hours the real owner is off shift —
 * to view and export customers' clips. The accounts' own staff keep working beside it.
 * Compare `--defenses ring-2017,staff-mfa,access-audit,ftc-order-2023`.
 */
export default defineScenario({
  name: 'staff-account-takeover',
  summary: 'Phished or reused staff console passwords used from outside to view and export clips',
  params: z.object({ ...staffTownParams, intruder: intruderSchema.prefault({}) }).strict(),
  defaults: { homes: 200, duration: '7d', defenses: 'ring-2017' },
  configure(params, world) {
    const roles = Object.keys(STAFF_ROLES) as (keyof typeof STAFF_ROLES)[];
    const staffed = roles.find((role) => params.staff[role] >= 1);
    if (!staffed) throw new InputError(`staff: the intruder needs staff accounts to take over, and every role has 0 (got ${roles.map((r) => `${r}=${params.staff[r]}`).join(', ')})`);
    return configureStaffTown(params, world, staffed, 'intruder');
  },
  setup({ sim, params, durationMs }) {
    const untilMs = sim.world.now() + durationMs;
    const room = openStaffRoom(sim, params.staff, untilMs);
    new StaffIntruder(room, params.intruder, sim.world.rng('scenarios/staff-account-takeover/intruder')).start(untilMs);
  },
  finish: ({ sim, defenses }) => staffMetrics(sim, defenses),
});
