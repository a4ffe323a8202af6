import { z } from 'zod';
import { HOUR_MS, SECOND_MS } from '../simulator/core/duration.js';

const rate = z.number().min(0).max(10_000);
const positiveMs = z.number().int().min(1);

/**
 * The doorbell's parameters, settable as `--set doorbell.motionPerDay=20`. Each default says
 * where it comes from (a vendor figure, or an assumption to tune per study); `describe` keeps
 * that source next to the value, so `smarthome-sim list` prints it with the default.
 */
export const doorbellParamsSchema = z
  .object({
    /** Mean motion events a day (an assumption; tune per study). */
    motionPerDay: rate.default(12).describe('mean motion events a day (an assumption; tune per study)'),
    /** Mean button presses a day (an assumption). */
    dingsPerDay: rate.default(1.5).describe('mean button presses a day (an assumption)'),
    /** Status (battery) report period (an assumption: a few reports a day). */
    statusEveryMs: positiveMs.default(6 * HOUR_MS).describe('status (battery) report period, ms (an assumption)'),
    /** Battery percentage lost per day: Ring quotes 6–12 months a charge, so ≈0.3–0.6 %/day. */
    batteryDrainPerDay: z.number().min(0).max(100).default(0.4).describe('battery % lost a day (Ring quotes 6–12 months a charge: ≈0.3–0.6 %/day)'),
    /** Media announcement period while live view is on (an assumption). */
    liveViewSegmentMs: positiveMs.default(10 * SECOND_MS).describe('media announcement period while live view is on, ms (an assumption)'),
    /** Live view stops by itself after this long (Ring: sessions time out after minutes). */
    liveViewMaxMs: positiveMs.default(10 * 60 * SECOND_MS).describe('live view stops by itself after this long, ms (Ring: sessions time out after minutes)'),
    /** Motion clip length range (Ring: 20–60 s configurable recordings). */
    clipMinS: z.number().int().min(1).default(20).describe('shortest motion clip, s (Ring: 20–60 s configurable recordings)'),
    clipMaxS: z.number().int().min(1).default(60).describe('longest motion clip, s (Ring: 20–60 s configurable recordings)'),
  })
  .strict()
  .refine((d) => d.clipMaxS >= d.clipMinS, { message: 'clipMaxS must be >= clipMinS', path: ['clipMaxS'] });

export type DoorbellParams = z.output<typeof doorbellParamsSchema>;

export const DEFAULT_DOORBELL_PARAMS: DoorbellParams = doorbellParamsSchema.parse({});
