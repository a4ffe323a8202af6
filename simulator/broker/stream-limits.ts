import type { Duplex } from 'node:stream';
import type { World } from '../core/world.js';
import { PacketSizeGuard, type PacketRefusal } from './packet-size-guard.js';
import type { BrokerPolicy, StreamLimits } from './policy.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    /** An in-process connection dropped by a stream bound (max-packet-size, connect-timeout) before aedes saw the bytes. */
    'broker.stream-refused': { reason: PacketRefusal | 'connect-timeout' };
  }
}

/**
 * The stream bounds the installed broker policies set (max-packet-size, connect-timeout),
 * the tightest of each; undefined when none sets any, so a world without those defences
 * hands its streams to aedes untouched, as it always did.
 */
export function streamLimitsOf(policies: readonly BrokerPolicy[]): Partial<StreamLimits> | undefined {
  let out: Partial<StreamLimits> | undefined;
  for (const policy of policies) {
    const limits = policy.streamLimits;
    if (!limits) continue;
    out ??= {};
    for (const key of Object.keys(limits) as Array<keyof StreamLimits>) {
      const value = limits[key];
      if (value !== undefined) out[key] = Math.min(out[key] ?? Infinity, value);
    }
  }
  return out;
}

/**
 * `stream` behind a PacketSizeGuard with those bounds, its connect timer on the world's
 * clock (so a SlowITe connection is closed in virtual time and the run replays), each drop
 * logged as `broker.stream-refused`. A bound that is not set is not enforced. `onData` hears
 * every chunk that passed (the silence watch's "a packet arrived").
 */
export function guardInWorld(stream: Duplex, limits: Partial<StreamLimits>, world: World, onData?: () => void): Duplex {
  const guard = new PacketSizeGuard(stream, {
    maxPacketBytes: limits.maxPacketBytes ?? Infinity,
    maxConnectBytes: limits.maxConnectBytes ?? Infinity,
    connectTimeoutMs: limits.connectTimeoutMs ?? 0,
    onRefused: (reason) => world.log.emit('broker.stream-refused', { reason }),
    ...(onData ? { onData } : {}),
    startTimer(delayMs, fire) {
      // A cancelled entry stays in the scheduler's heap until its time comes; through the box
      // it holds nothing of the guard, so thousands of short connections cannot pin their streams.
      const box: { fire?: () => void } = { fire };
      const handle = world.scheduler.after(delayMs, () => box.fire?.());
      return () => {
        box.fire = undefined;
        world.scheduler.cancel(handle);
      };
    },
  });
  guard.on('error', () => {});
  return guard;
}
