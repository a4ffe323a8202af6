import type { SimBroker } from '../broker/sim-broker.js';
import { DEVICE_CHANNELS, parseDeviceTopic } from '../broker/topics.js';
import type { Metrics } from './recorder.js';

/**
 * Counts what actually crossed the broker, per channel, from the broker's published hook:
 * the same figure whichever link (MQTT or direct) carried the message.
 */
export function countBrokerTraffic(broker: SimBroker, metrics: Metrics): void {
  for (const channel of DEVICE_CHANNELS) metrics.add(`messages.${channel}`, 0);
  const names = new Map(DEVICE_CHANNELS.map((channel) => [channel as string, `messages.${channel}`]));
  broker.onPublished((topic) => {
    if (!topic.startsWith('homes/')) return;
    // Only topics the ACL let through arrive here; the last level names the channel.
    const name = names.get(topic.slice(topic.lastIndexOf('/') + 1));
    if (name && parseDeviceTopic(topic)) metrics.add(name);
  });
}
