import type { SimBroker } from '../broker/sim-broker.js';
import { DEVICE_CHANNELS, parseDeviceTopicCached } from '../broker/topics.js';
import type { Metrics } from './recorder.js';

/**
 * Counts what actually crossed the broker, per channel, from the broker's published hook:
 * the same figure whichever link (MQTT or direct) carried the message.
 */
export function countBrokerTraffic(broker: SimBroker, metrics: Metrics): void {
  for (const channel of DEVICE_CHANNELS) metrics.add(`messages.${channel}`, 0);
  const names = new Map(DEVICE_CHANNELS.map((channel) => [channel as string, `messages.${channel}`]));
  broker.messages.onPublished((topic) => {
    // Only topics the ACL let through arrive here.
    const parsed = parseDeviceTopicCached(topic);
    if (parsed) metrics.add(names.get(parsed.channel)!);
  });
}

/**
 * The same count for a subscriber on `homes/#` of an external broker (--broker): what it
 * delivers is what the broker accepted there, its ACL applied.
 */
export function countTopicTraffic(metrics: Metrics): (topic: string) => void {
  const names = new Map(DEVICE_CHANNELS.map((channel) => [channel as string, `messages.${channel}`]));
  return (topic) => {
    const parsed = parseDeviceTopicCached(topic);
    if (parsed) metrics.add(names.get(parsed.channel)!);
  };
}
