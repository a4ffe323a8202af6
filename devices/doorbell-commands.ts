import { z } from 'zod';

/** Who sent a command, as the broker attested it (see attestCommand in sim-broker.ts). */
const sender = z.object({ accountId: z.string(), sessionId: z.string() });

/** Commands a doorbell obeys on homes/{home}/devices/{device}/commands. */
export const doorbellCommand = z.discriminatedUnion('cmd', [
  z.object({ cmd: z.literal('live-view-start'), from: sender }),
  z.object({ cmd: z.literal('live-view-stop'), from: sender }),
  z.object({ cmd: z.literal('talk'), message: z.string().max(500), from: sender }),
  z.object({
    cmd: z.literal('settings'),
    motionSensitivity: z.number().min(0).max(1).optional(),
    privacyZones: z.number().int().min(0).max(8).optional(),
    from: sender,
  }),
]);

export type DoorbellCommand = z.infer<typeof doorbellCommand>;

/** Parses a command payload; undefined for anything malformed (the device ignores it). */
export function parseDoorbellCommand(payload: string): DoorbellCommand | undefined {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const result = doorbellCommand.safeParse(json);
  return result.success ? result.data : undefined;
}
