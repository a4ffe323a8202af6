import { startListeners, type Listeners } from '../../../simulator/broker/listeners.js';
import { SimBroker, type SimBrokerOptions } from '../../../simulator/broker/sim-broker.js';
import { deviceTopic, type DeviceChannel } from '../../../simulator/broker/topics.js';
import type { Account } from '../../../simulator/cloud/accounts.js';
import { Cloud, type CloudOptions } from '../../../simulator/cloud/cloud.js';
import type { DeviceRecord } from '../../../simulator/cloud/device-registry.js';
import type { LoggedEvent } from '../../../simulator/core/event-log.js';
import { World } from '../../../simulator/core/world.js';

/** One home: its owner's account and its doorbells. */
export interface TestHome {
  readonly homeId: string;
  readonly account: Account;
  readonly email: string;
  readonly password: string;
  readonly devices: readonly DeviceRecord[];
  /** homes/{homeId}/devices/{device}/{channel}, device defaulting to the home's first. */
  topic(channel: DeviceChannel, device?: DeviceRecord): string;
}

export interface LiveWorld {
  readonly world: World;
  readonly cloud: Cloud;
  readonly broker: SimBroker;
  readonly listeners: Listeners;
  readonly homes: Readonly<Record<string, TestHome>>;
  /** Logs the owner in through the cloud and returns a fresh live session token. */
  login(home: TestHome): string;
  close(): Promise<void>;
}

export interface LiveWorldOptions {
  seed?: number;
  homeIds?: readonly string[];
  devicesPerHome?: number;
  cloud?: CloudOptions;
  /** Broker options besides `live`, which is always on here. */
  broker?: Omit<SimBrokerOptions, 'live'>;
}

/**
 * A world with a cloud, a live SimBroker and real listeners on 127.0.0.1, free ports.
 * Home `X` has owner owner-x@example.test and doorbells `db-X-1`, `db-X-2`, ...
 */
/** Home `X` gets owner owner-x@example.test and doorbells `db-X-1`, `db-X-2`, ... */
export function createHomes(world: World, cloud: Cloud, homeIds: readonly string[], devicesPerHome = 1): Record<string, TestHome> {
  const homes: Record<string, TestHome> = {};
  for (const homeId of homeIds) {
    const email = `owner-${homeId.toLowerCase()}@example.test`;
    const password = `correct horse ${homeId} battery staple`;
    const account = cloud.accounts.create({ id: `acct-${homeId}`, email, password, homeIds: [homeId], nowMs: world.now() });
    const devices: DeviceRecord[] = [];
    for (let i = 1; i <= devicesPerHome; i++) {
      devices.push(cloud.devices.register({ deviceId: `db-${homeId}-${i}`, homeId, kind: 'doorbell', firmware: '1.0.0' }));
    }
    homes[homeId] = { homeId, account, email, password, devices, topic: (channel, device = devices[0]!) => deviceTopic(homeId, device.deviceId, channel) };
  }
  return homes;
}

/** Logs the owner in through the cloud's login pipeline; returns the session token. */
export function loginOwner(cloud: Cloud, home: TestHome): string {
  const result = cloud.attemptLogin({ email: home.email, password: home.password, ip: '127.0.0.1', clientFingerprint: 'integration-test', actor: 'owner' });
  if (result.outcome !== 'ok' || !result.session) throw new Error(`login of ${home.email} failed: ${result.outcome}`);
  return result.session.token;
}

/** A world with a cloud, a live SimBroker and real listeners on 127.0.0.1, free ports. */
export async function startLiveWorld(options: LiveWorldOptions = {}): Promise<LiveWorld> {
  const world = new World({ seed: options.seed ?? 1, retainLog: true });
  const cloud = new Cloud(world, options.cloud);
  const homes = createHomes(world, cloud, options.homeIds ?? ['A', 'B'], options.devicesPerHome);
  const broker = await SimBroker.create(world, cloud, { ...options.broker, live: true });
  const listeners = await startListeners(broker, { tcpPort: 0, wsPort: 0 });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await listeners.close();
      await world.close(); // closes the broker
    })());

  return { world, cloud, broker, listeners, homes, login: (home) => loginOwner(cloud, home), close };
}

/** The refusals the broker logged so far, of one event type. */
export function refusals<K extends 'broker.connect-refused' | 'broker.subscribe-refused' | 'broker.publish-refused'>(live: LiveWorld, type: K): LoggedEvent<K>[] {
  return live.world.log.events().filter((e) => e.type === type) as unknown as LoggedEvent<K>[];
}
