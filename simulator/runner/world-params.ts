import { z } from 'zod';
import { DEFAULT_DOORBELL_PARAMS } from '../../devices/doorbell.js';
import { DEFAULT_OWNER_APP_PARAMS } from '../actors/owner-app.js';

const rate = z.number().min(0).max(10_000);
const chance = z.number().min(0).max(1);
const positiveMs = z.number().int().min(1);

/**
 * Parameters of the world every scenario shares, settable as `--set doorbell.motionPerDay=20`.
 * Defaults and their sources live with the actors (devices/doorbell.ts, simulator/actors/owner-app.ts).
 */
export const worldParamsSchema = z
  .object({
    doorbell: z
      .object({
        motionPerDay: rate,
        dingsPerDay: rate,
        statusEveryMs: positiveMs,
        batteryDrainPerDay: z.number().min(0).max(100),
        liveViewSegmentMs: positiveMs,
        liveViewMaxMs: positiveMs,
        clipMinS: z.number().int().min(1),
        clipMaxS: z.number().int().min(1),
      })
      .strict()
      .refine((d) => d.clipMaxS >= d.clipMinS, { message: 'clipMaxS must be >= clipMinS', path: ['clipMaxS'] }),
    app: z
      .object({
        opensPerDay: rate,
        openMeanMs: positiveMs,
        passwordLoginsPerDay: rate,
        signedInAtStart: chance,
        typoRate: chance,
        liveViewChance: chance,
        liveViewMeanMs: positiveMs,
        talkOnDingChance: chance,
      })
      .strict(),
  })
  .strict();

export type WorldParams = z.infer<typeof worldParamsSchema>;

export const DEFAULT_WORLD_PARAMS: WorldParams = {
  doorbell: { ...DEFAULT_DOORBELL_PARAMS },
  app: { ...DEFAULT_OWNER_APP_PARAMS },
};
