import { DAY_MS, HOUR_MS } from '../core/duration.js';
import type { StaffRole } from '../core/principals.js';
import type { SeededRandom } from '../core/random.js';
import type { StaffParams } from './staff-params.js';

/** One member of staff: role, employer (contractors), and a daily shift. */
export interface StaffMember {
  readonly staffId: string;
  readonly role: StaffRole;
  /** Contractors only: their firm and region. */
  readonly vendor?: string;
  readonly region?: string;
  /** Hour of day (0–23) the shift starts; follow-the-sun teams spread over the day. */
  readonly shiftStartHour: number;
  readonly shiftMs: number;
}

export const ROLES_IN_ORDER: readonly StaffRole[] = ['support', 'engineering', 'video-annotation', 'contractor'];

/** The roster, role by role in a fixed order, shifts drawn from `random` (stream `staff/roster`). */
export function buildRoster(params: StaffParams, random: SeededRandom): StaffMember[] {
  const out: StaffMember[] = [];
  for (const role of ROLES_IN_ORDER) {
    for (let i = 0; i < params[role]; i++) {
      const contractor = role === 'contractor' ? { vendor: params.contractorVendor, region: params.contractorRegion } : {};
      out.push({ staffId: `st-${role}-${i + 1}`, role, ...contractor, shiftStartHour: random.int(0, 23), shiftMs: params.shiftHours * HOUR_MS });
    }
  }
  return out;
}

/** Whether `member` is on shift at `timeMs`. */
export function onShift(member: StaffMember, timeMs: number): boolean {
  const sinceStart = (((timeMs - member.shiftStartHour * HOUR_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return sinceStart < member.shiftMs;
}

/** The earliest time ≥ `timeMs` at which `member` is on shift. */
export function nextOnShift(member: StaffMember, timeMs: number): number {
  if (onShift(member, timeMs)) return timeMs;
  const dayStart = Math.floor(timeMs / DAY_MS) * DAY_MS;
  const today = dayStart + member.shiftStartHour * HOUR_MS;
  return today >= timeMs ? today : today + DAY_MS;
}
