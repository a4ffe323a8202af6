import { MqttClient } from 'mqtt';
import { memoryPair } from '../../simulator/broker/memory-transport.js';
import type { SimBroker } from '../../simulator/broker/sim-broker.js';

/**
 * One oversize PUBLISH, as an attacker with a working login sends it: its own in-memory
 * stream into the broker (whatever the run's transport, so the bytes meet aedes' parser), a
 * real CONNECT, then one QoS 1 PUBLISH of `bytes` bytes. Resolves 'acked' when the broker
 * answered PUBACK (it buffered and took the whole packet), 'closed' when it closed the
 * connection after the PUBLISH was sent (dropped at the header by max-packet-size, or
 * refused by a policy once parsed), 'not-connected' when the CONNECT itself was refused.
 */
export type OversizeOutcome = 'acked' | 'closed' | 'not-connected';

export async function sendOversizePublish(
  broker: SimBroker,
  login: { clientId: string; username: string; password: string; remoteAddress: string },
  topic: string,
  bytes: number,
): Promise<OversizeOutcome> {
  const [clientEnd, brokerEnd] = memoryPair(broker.meter);
  broker.handle(brokerEnd, 'memory', login.remoteAddress);
  const client = new MqttClient(() => clientEnd, {
    protocolVersion: 4,
    clientId: login.clientId,
    username: login.username,
    password: login.password,
    clean: true,
    keepalive: 0, // no wall-clock timers in simulation
    reconnectPeriod: 0,
  });
  client.on('error', () => {});
  const closed = new Promise<'closed'>((resolve) => client.once('close', () => resolve('closed')));
  const connected = await Promise.race([new Promise<true>((resolve) => client.once('connect', () => resolve(true))), closed]);
  if (connected !== true) return 'not-connected';
  broker.meter.activity++;
  const acked = new Promise<OversizeOutcome>((resolve) => client.publish(topic, Buffer.alloc(bytes, 0x78), { qos: 1 }, (error) => resolve(error ? 'closed' : 'acked')));
  const accepted = await Promise.race([acked, closed]);
  broker.meter.activity++;
  client.end(true);
  return accepted;
}
