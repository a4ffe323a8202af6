import { z } from 'zod';
import { parseBoundedJson, type JsonBounds } from '../simulator/broker/bounded-json.js';

/** Who sent a command, as the broker attested it (see simulator/broker/command-attestation.ts). */
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

/**
 * A device reads its commands topic itself, so it bounds what it parses whatever the broker
 * let through: room for the broker's largest command (COMMAND_JSON_BOUNDS, 16 KiB) plus the
 * attested sender, and the flat shape every command has.
 */
export const DOORBELL_COMMAND_BOUNDS: JsonBounds = { maxBytes: 32 * 1024, maxDepth: 8 };

/** Parses a command payload; undefined for anything malformed or out of bounds (the device ignores it). */
export function parseDoorbellCommand(payload: string): DoorbellCommand | undefined {
  const json = parseBoundedJson(payload, DOORBELL_COMMAND_BOUNDS);
  if (!json.ok) return undefined;
  const result = doorbellCommand.safeParse(json.value);
  return result.success ? result.data : undefined;
}
