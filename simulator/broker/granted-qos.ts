import { createRequire } from 'node:module';
import type { AedesPublishPacket, Client } from 'aedes';
import { levelsMatch } from './topics.js';

/**
 * Every copy of a message goes out at min(published QoS, its subscription's granted QoS)
 * (MQTT-3.8.4-6; MQTT-3.3.5-1 allows one copy per matching subscription, each at that
 * subscription's QoS).
 *
 * aedes 1.2 gets this wrong for wildcards: `deliverQoS` in lib/client.js looks the grant up
 * as `client.subscriptions[packet.topic]`, by topic name, so only an exact-topic
 * subscription is ever found (the downgrade of moscajs/aedes#208 / PR #229); a filter with
 * `+` or `#` passes the publisher's QoS through, and so do retained messages replayed on
 * SUBSCRIBE and a persistent session's queue on reconnect. Upstream: moscajs/aedes#1074
 * (open). Worked around here, not in node_modules:
 *
 * - `grantedQosEmitter` is aedes' own mqemitter (same options aedes would give it), except
 *   that each listener aedes registers for a subscription is wrapped to note, while it runs,
 *   which filter it serves and which message it carries. aedes calls `authorizeForward`
 *   synchronously from inside that listener (client.js, getToForwardPacket).
 * - `lowerToGrantedQos`, called from authorizeForward, then reads that filter's grant from
 *   the client's subscription table and lowers the per-copy packet's QoS. A delivery outside
 *   any listener (retained replay, queued messages) takes the highest grant among the
 *   client's matching filters: the one copy MQTT-3.3.5-1 requires.
 *
 * Not fixed: aedes still applies its exact-topic lookup after ours, so a copy for a
 * wildcard granted 2 is held to 1 when the same client also holds the exact topic at 1.
 */

interface Emitter {
  on(topic: string, notify: Notify, done?: () => void): Emitter;
  removeListener(topic: string, notify: Notify, done?: () => void): Emitter;
}
type Notify = (packet: AedesPublishPacket, done: () => void) => void;

// The mqemitter aedes itself depends on (and would build by default), resolved from aedes.
const requireFromAedes = createRequire(createRequire(import.meta.url).resolve('aedes'));
const mqemitter = requireFromAedes('mqemitter') as (options: { concurrency: number; matchEmptyLevels: boolean }) => Emitter;

/** The filter whose listener is running now, and the broker counter of its message. */
let deliveringFilter: string | undefined;
let deliveringCounter = 0;

function noteFilter(filter: string, notify: Notify): Notify {
  return (packet, done) => {
    const outerFilter = deliveringFilter;
    const outerCounter = deliveringCounter;
    deliveringFilter = filter;
    deliveringCounter = packet.brokerCounter;
    try {
      notify(packet, done);
    } finally {
      // A listener may publish (a will, a revocation's disconnect): restore, do not clear.
      deliveringFilter = outerFilter;
      deliveringCounter = outerCounter;
    }
  };
}

/**
 * What to pass aedes as `mq`: the emitter aedes builds by default (`concurrency`,
 * matchEmptyLevels for MQTT-4.7.1-3), with its listeners wrapped as described above.
 */
export function grantedQosEmitter(concurrency: number): Emitter {
  const mq = mqemitter({ concurrency, matchEmptyLevels: true });
  const on = mq.on.bind(mq);
  const removeListener = mq.removeListener.bind(mq);
  // aedes removes a listener by the function it registered; keep ours findable by it.
  const wrappers = new WeakMap<Notify, Map<string, Notify>>();
  mq.on = (filter, notify, done) => {
    let byFilter = wrappers.get(notify);
    if (!byFilter) wrappers.set(notify, (byFilter = new Map()));
    const wrapped = noteFilter(filter, notify);
    byFilter.set(filter, wrapped);
    return on(filter, wrapped, done);
  };
  mq.removeListener = (filter, notify, done) => {
    const byFilter = wrappers.get(notify);
    const wrapped = byFilter?.get(filter);
    byFilter?.delete(filter);
    return removeListener(filter, wrapped ?? notify, done);
  };
  return mq;
}

interface GrantedSubscription {
  qos: number;
}

/**
 * Lowers `packet` (aedes builds one per copy: handlePacketSubscription, sendRetained,
 * emptyQueue) to the QoS its subscription was granted. Cheap when there is nothing to lower:
 * the simulation's own traffic is all QoS 0.
 */
export function lowerToGrantedQos(client: Client, packet: AedesPublishPacket): void {
  if (packet.qos === 0) return;
  const subscriptions = (client as unknown as { subscriptions: Record<string, GrantedSubscription | undefined> }).subscriptions;
  let granted = -1;
  const own = deliveringFilter !== undefined && deliveringCounter === packet.brokerCounter ? subscriptions[deliveringFilter] : undefined;
  if (own) {
    granted = own.qos;
  } else {
    for (const filter in subscriptions) {
      const qos = subscriptions[filter]!.qos;
      if (qos > granted && levelsMatch(filter.split('/'), packet.topic)) granted = qos;
    }
  }
  // No subscription of this client matches (aedes' own client.publish): leave it to aedes.
  if (granted >= 0 && granted < packet.qos) packet.qos = granted as AedesPublishPacket['qos'];
}
