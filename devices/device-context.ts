import type { Link } from '../simulator/broker/link.js';
import { deviceTopic } from '../simulator/broker/topics.js';
import type { DeviceRecord } from '../simulator/cloud/device-registry.js';
import type { SeededRandom } from '../simulator/core/random.js';
import type { World } from '../simulator/core/world.js';
import type { Metrics } from '../simulator/metrics/recorder.js';
import type { CatalogedDeviceKind } from './catalog.js';
import type { DeviceContext, DeviceTopicChannel, LastWill } from './device-kind.js';

export interface DeviceContextOptions<P> {
  world: World;
  kind: CatalogedDeviceKind;
  record: DeviceRecord;
  params: P;
  /** Opens the device's link as the simulation does for every device (its id, its credential, the run's transport). */
  connect(will: LastWill | undefined): Promise<Link>;
  metrics: Metrics;
}

/**
 * The context one device is created with. It holds the kind to what it declared: topics only
 * on its channels, metrics only of its names, chance only from streams named after it.
 */
export function deviceContext<P>(options: DeviceContextOptions<P>): DeviceContext<P> {
  const { world, kind, record, metrics } = options;
  const { definition } = kind;
  const streamBase = `devices/${definition.name}/${record.deviceId}`;
  const channels = new Set<string>([...definition.publishes, 'commands']);
  const declared = new Set<string>(definition.metrics);
  let random: SeededRandom | undefined;
  return {
    world,
    record,
    params: options.params,
    // Made on first use: a kind whose actor keeps its own stream (the doorbell) never pays for one.
    get random() {
      return (random ??= world.rng(streamBase));
    },
    rng: (part) => world.rng(`${streamBase}/${part}`),
    topic: (channel: DeviceTopicChannel) => {
      if (!channels.has(channel)) throw new Error(`device kind ${definition.name} does not publish on "${channel}" (publishes: ${definition.publishes.join(', ')})`);
      return deviceTopic(record.homeId, record.deviceId, channel);
    },
    connect: (will) => options.connect(will),
    count: (metric, amount = 1) => {
      if (!declared.has(metric)) throw new Error(`device kind ${definition.name} did not declare the metric "${metric}" (metrics: ${definition.metrics.join(', ') || 'none'})`);
      metrics.add(metric, amount);
    },
  };
}
