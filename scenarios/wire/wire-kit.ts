import { ConnectRefusedError, type Link } from '../../simulator/broker/link.js';
import type { DeviceRecord } from '../../simulator/cloud/device-registry.js';
import { MINUTE_MS } from '../../simulator/core/duration.js';
import type { ScenarioContext } from '../../simulator/runner/scenario.js';
import type { AttackerContext } from '../attackers/attacker-context.js';

/**
 * What the wire attacks (scenarios/wire/) share: connecting to the world's broker as the
 * attacker over the run's own transport (real mqtt.js clients on in-memory streams, or the
 * fast path: never a socket, never another host), picking victims, and the device-minutes
 * offline the town suffered.
 */

/** Connects or answers the refusal; any other error is a bug and propagates. */
export async function tryLink(ctx: AttackerContext, credentials: { clientId: string; username: string; password: string; remoteAddress?: string }): Promise<Link | ConnectRefusedError> {
  try {
    return await ctx.sim.broker.link(credentials, ctx.sim.transport);
  } catch (error) {
    if (error instanceof ConnectRefusedError) return error;
    throw error;
  }
}

/** The first `count` devices in town order: a bounded, seed-independent victim list (the ids are printed on the boxes). */
export function victims(ctx: ScenarioContext<unknown>, count: number): DeviceRecord[] {
  const out: DeviceRecord[] = [];
  for (const home of ctx.sim.town.homes) {
    for (const device of ctx.sim.cloud.devices.inHome(home.homeId)) if (out.length < count) out.push(device);
  }
  return out;
}

/** A device actor that keeps its broker link (Doorbell does); one without counts as online. */
function linkOf(device: unknown): Link | undefined {
  const link = (device as { link?: Link }).link;
  return link && typeof link.connected === 'boolean' ? link : undefined;
}

/** How often the offline count is sampled: the metric is in device-minutes, so once a minute. */
const OFFLINE_SAMPLE_MS = MINUTE_MS;

/**
 * `mqtt.deviceMinutesOffline`: every minute of the run, the devices whose broker link is down
 * (knocked off by a reused client id, say). Scheduler ticks log nothing, so this changes no
 * event-log hash.
 */
export function countDeviceMinutesOffline(ctx: ScenarioContext<unknown>): void {
  const { sim, metrics } = ctx;
  metrics.set('mqtt.deviceMinutesOffline', 0);
  const endMs = sim.world.now() + ctx.durationMs;
  const tick = () => {
    let offline = 0;
    for (const device of sim.devices) if (linkOf(device)?.connected === false) offline++;
    metrics.add('mqtt.deviceMinutesOffline', offline);
    if (sim.world.now() + OFFLINE_SAMPLE_MS < endMs) sim.world.scheduler.after(OFFLINE_SAMPLE_MS, tick);
  };
  sim.world.scheduler.after(OFFLINE_SAMPLE_MS, tick);
}
