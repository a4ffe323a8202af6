import type { SimBroker } from '../broker/sim-broker.js';
import { DEVICE_CHANNELS, parseDeviceTopic } from '../broker/topics.js';
import type { Metrics } from './recorder.js';

/**
 * Counts what actually crossed the broker, per channel, from aedes' own 'publish' event: the
 * same figure whichever link (MQTT or direct) carried the message.
 */
export function countBrokerTraffic(broker: SimBroker, metrics: Metrics): void {
  for (const channel of DEVICE_CHANNELS) metrics.add(`messages.${channel}`, 0);
  broker.aedes.on('publish', (packet) => {
    const parsed = parseDeviceTopic(packet.topic);
    if (parsed) metrics.add(`messages.${parsed.channel}`);
  });
}
