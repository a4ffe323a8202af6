import { z } from 'zod';
import { cameraPlacements, drawIndoorPlacement } from './camera-placement.js';
import { defineDeviceKind } from './device-kind.js';
import { Doorbell, DEFAULT_DOORBELL_PARAMS } from './doorbell.js';
import { doorbellCommand } from './doorbell-commands.js';

/**
 * The indoor camera's parameters (`--set indoor-camera.shareOfHomes=0.4`). Its share is 0 by
 * default so that every existing run keeps its town and its hash; the staff scenarios turn
 * it on in `configure`.
 */
export const indoorCameraParamsSchema = z
  .object({
    shareOfHomes: z.number().min(0).max(1).default(0).describe('share of homes with an indoor camera (0: existing runs keep their town; staff scenarios set their own)'),
    motionPerDay: z.number().min(0).max(10_000).default(8).describe('mean motion clips a day (an assumption: indoors sees less traffic than a front door)'),
    clipMinS: z.number().int().min(1).default(20).describe('shortest clip, s (Ring: 20–60 s configurable recordings)'),
    clipMaxS: z.number().int().min(1).default(60).describe('longest clip, s (Ring: 20–60 s configurable recordings)'),
  })
  .strict()
  .refine((d) => d.clipMaxS >= d.clipMinS, { message: 'clipMaxS must be >= clipMinS', path: ['clipMaxS'] });

/**
 * An indoor camera (Ring Indoor Cam-like): the doorbell's MQTT contract (status, events,
 * clips, live view, commands) and the doorbell's code, with no button, and a name and room
 * its owner gave it, which the cloud keeps with every clip (camera-placement.ts).
 */
export const indoorCameraKind = defineDeviceKind({
  name: 'indoor-camera',
  summary: 'Indoor camera with an owner-given name and room: motion clips, live view and talk',
  params: indoorCameraParamsSchema,
  publishes: ['events', 'status', 'media'],
  commands: doorbellCommand.options.map((option) => option.shape.cmd.value),
  capabilities: { liveView: true, speaker: true },
  idPrefix: 'ic',
  firmwareVersions: ['1.2.0', '1.3.1'],
  shareOfHomes: (params) => params.shareOfHomes,
  metrics: [],
  create: (context) => {
    cameraPlacements(context.world).set(context.record.deviceId, drawIndoorPlacement(context.rng('placement')));
    const { motionPerDay, clipMinS, clipMaxS } = context.params;
    return Doorbell.connect(context.world, context.record, context.connect, { ...DEFAULT_DOORBELL_PARAMS, motionPerDay, dingsPerDay: 0, clipMinS, clipMaxS });
  },
});
