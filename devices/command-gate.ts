import type { DeviceRecord } from '../simulator/cloud/device-registry.js';
import type { World } from '../simulator/core/world.js';

declare module '../simulator/core/event-log.js' {
  interface EventTypes {
    /** A device refused a well-formed command (signed-commands: bad MAC, stale, nonce seen, unsigned). */
    'device.command-rejected': { homeId: string; deviceId: string; cmd: string; reason: string };
  }
}

/**
 * What a device runs over each well-formed command before it obeys it: checks that may
 * refuse it (signed-commands), then witnesses told the verdict (the command-replay scenario
 * counts which of its replays a device acted on). Kept per world and empty unless a defence
 * or a scenario adds to it, so a world without either runs exactly as before (no draw, no
 * event, no allocation per command).
 */
export interface CommandGate {
  readonly checks: Array<(device: DeviceRecord, command: Record<string, unknown>, nowMs: number) => string | undefined>;
  readonly witnesses: Array<(device: DeviceRecord, payload: string, refusal: string | undefined) => void>;
}

const gates = new WeakMap<World, CommandGate>();

/** The world's gate, made on first use (by a defence's create or a scenario's setup, before devices connect or during the run). */
export function commandGateFor(world: World): CommandGate {
  let gate = gates.get(world);
  if (!gate) gates.set(world, (gate = { checks: [], witnesses: [] }));
  return gate;
}

/** The gate if anything uses it. */
export function commandGateOf(world: World): CommandGate | undefined {
  return gates.get(world);
}

/** The first check's refusal, or undefined; then every witness hears the verdict. */
export function judgeCommand(gate: CommandGate, device: DeviceRecord, payload: string, command: Record<string, unknown>, nowMs: number): string | undefined {
  let refusal: string | undefined;
  for (const check of gate.checks) if ((refusal = check(device, command, nowMs))) break;
  for (const witness of gate.witnesses) witness(device, payload, refusal);
  return refusal;
}
