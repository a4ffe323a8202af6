import { defineDeviceKind } from './device-kind.js';
import { Doorbell } from './doorbell.js';
import { doorbellCommand } from './doorbell-commands.js';
import { doorbellParamsSchema } from './doorbell-params.js';

/**
 * The video doorbell (Ring-like), the built-in kind: one in every home, as the simulator has
 * always had. Its behaviour is in doorbell.ts; this says what the world needs to know of it.
 */
export const doorbellKind = defineDeviceKind({
  name: 'doorbell',
  summary: 'Video doorbell camera: motion and rings, clips, live view and talk',
  params: doorbellParamsSchema,
  publishes: ['events', 'status', 'media'],
  // From the command schema itself, so the list cannot drift from what the doorbell parses.
  commands: doorbellCommand.options.map((option) => option.shape.cmd.value),
  capabilities: { liveView: true, speaker: true },
  idPrefix: 'db',
  firmwareVersions: ['2.4.1', '2.5.0', '2.5.3'],
  // Every home: the town the pinned runs were made with. A share below 1 would be a new study.
  shareOfHomes: () => 1,
  // Its events are counted by the scenarios that want them (baseline: events.motion, …).
  metrics: [],
  create: (context) => Doorbell.connect(context.world, context.record, context.connect, context.params),
});
