import { describe, expect, it } from 'vitest';
import { HOUR_MS, DAY_MS } from '../../simulator/core/duration.js';
import { SeededRandom } from '../../simulator/core/random.js';
import { buildRoster, nextOnShift, onShift } from '../../simulator/staff/roster.js';
import { staffParamsSchema } from '../../simulator/staff/staff-params.js';

describe('staff roster and shifts', () => {
  it('has each role\u2019s headcount, contractors with their vendor and region, and seeded shifts', () => {
    const params = staffParamsSchema.parse({ support: 2, engineering: 1, 'video-annotation': 0, contractor: 2, contractorRegion: 'PL' });
    const roster = buildRoster(params, new SeededRandom(4));
    expect(roster.map((m) => m.staffId)).toEqual(['st-support-1', 'st-support-2', 'st-engineering-1', 'st-contractor-1', 'st-contractor-2']);
    expect(roster.filter((m) => m.role === 'contractor').every((m) => m.vendor === 'outsourced-annotation-vendor' && m.region === 'PL')).toBe(true);
    expect(roster.find((m) => m.role === 'support')!.vendor).toBeUndefined();
    expect(buildRoster(params, new SeededRandom(4))).toEqual(roster);
  });

  it('a shift that wraps midnight is on from its start for its length, and nextOnShift finds its next start', () => {
    const member = { staffId: 's', role: 'support' as const, shiftStartHour: 22, shiftMs: 8 * HOUR_MS };
    expect(onShift(member, 22 * HOUR_MS)).toBe(true);
    expect(onShift(member, DAY_MS + 5 * HOUR_MS)).toBe(true);
    expect(onShift(member, DAY_MS + 6 * HOUR_MS)).toBe(false);
    expect(onShift(member, 21 * HOUR_MS)).toBe(false);
    expect(nextOnShift(member, 12 * HOUR_MS)).toBe(22 * HOUR_MS);
    expect(nextOnShift(member, DAY_MS + 3 * HOUR_MS)).toBe(DAY_MS + 3 * HOUR_MS);
    expect(nextOnShift(member, DAY_MS + 7 * HOUR_MS)).toBe(DAY_MS + 22 * HOUR_MS);
  });

  it('refuses an unknown role, a negative shift and a share outside 0–1, naming the field', () => {
    for (const [input, field] of [[{ janitor: 1 }, ''], [{ shiftHours: -8 }, 'shiftHours'], [{ ticketConsentShare: 1.5 }, 'ticketConsentShare']] as const) {
      const result = staffParamsSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error!.issues)).toContain(field || 'janitor');
    }
  });
});
