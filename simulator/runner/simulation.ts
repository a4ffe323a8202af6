import { Doorbell } from '../../devices/doorbell.js';
import { OwnerApp, type LoginContinuation } from '../actors/owner-app.js';
import type { TransportMode } from '../broker/link.js';
import type { BrokerPolicy } from '../broker/policy.js';
import { SimBroker } from '../broker/sim-broker.js';
import { Cloud, type CloudOptions } from '../cloud/cloud.js';
import { RecordingIngest } from '../cloud/ingest.js';
import { World, type RunProgress } from '../core/world.js';
import { MetricsRecorder } from '../metrics/recorder.js';
import { countBrokerTraffic } from '../metrics/traffic-counter.js';
import { Town, type TownOptions } from '../population/town.js';
import { DEFAULT_WORLD_PARAMS, type WorldParams } from './world-params.js';

/** Above this many homes `transport: 'auto'` carries device and app traffic on the fast path. */
export const AUTO_DIRECT_ABOVE_HOMES = 2_000;

export interface SimulationOptions {
  seed: number;
  homes: number;
  /** 'mqtt': one real MQTT packet per message; 'direct': the fast path; 'auto' (default) picks by size. */
  transport?: TransportMode | 'auto';
  retainLog?: boolean;
  params?: WorldParams;
  resident?: TownOptions['resident'];
  cloud?: CloudOptions;
  brokerPolicies?: BrokerPolicy[];
  tenantAcl?: boolean;
  /** Live mode: aedes keeps its own timers (serve). */
  live?: boolean;
  /** How the owners' apps finish a login that needs more than a password (second factor). */
  continueLogin?: LoginContinuation;
}

/**
 * A town on a broker: world, cloud, broker, homes with doorbells and owners' apps, the cloud's
 * recording ingest and a metrics recorder — everything a scenario adds its attackers to.
 */
export class Simulation {
  readonly doorbells: Doorbell[] = [];
  readonly apps: OwnerApp[] = [];
  ingest!: RecordingIngest;
  readonly recorder: MetricsRecorder;

  private constructor(
    readonly world: World,
    readonly cloud: Cloud,
    readonly broker: SimBroker,
    readonly town: Town,
    readonly transport: TransportMode,
    readonly params: WorldParams,
    private readonly options: SimulationOptions,
  ) {
    this.recorder = new MetricsRecorder(world);
  }

  static async create(options: SimulationOptions): Promise<Simulation> {
    const world = new World({ seed: options.seed, retainLog: options.retainLog });
    const cloud = new Cloud(world, options.cloud);
    const broker = await SimBroker.create(world, cloud, { policies: options.brokerPolicies, tenantAcl: options.tenantAcl, live: options.live });
    const town = new Town(world, cloud, { homes: options.homes, resident: options.resident });
    const requested = options.transport ?? 'auto';
    const transport: TransportMode = requested === 'auto' ? (options.homes > AUTO_DIRECT_ABOVE_HOMES ? 'direct' : 'mqtt') : requested;
    const sim = new Simulation(world, cloud, broker, town, transport, options.params ?? DEFAULT_WORLD_PARAMS, options);
    countBrokerTraffic(broker, sim.recorder.metrics);
    world.log.emit('world.start', { seed: options.seed, homes: options.homes });
    return sim;
  }

  /** Connects the cloud ingest, every doorbell and every owner's app, at virtual time now. */
  async start(): Promise<void> {
    const { world, cloud, broker, transport } = this;
    this.ingest = await RecordingIngest.start(cloud, await broker.link({ clientId: 'cloud-ingest', ...broker.serviceCredentials('ingest') }, transport));
    for (const home of this.town.homes) {
      const record = home.doorbell;
      world.spawn(async () => {
        const doorbell = await Doorbell.connect(world, record, (will) => broker.link({ clientId: record.deviceId, username: record.deviceId, password: record.credential, will }, transport), this.params.doorbell);
        this.doorbells.push(doorbell);
      });
    }
    await world.settle();
    // Sort by home so later iteration order does not depend on connect completion order.
    this.doorbells.sort((a, b) => (a.record.homeId < b.record.homeId ? -1 : 1));
    for (const home of this.town.homes) {
      const app = new OwnerApp(world, cloud, broker, home, transport, this.params.app, this.options.continueLogin);
      this.apps.push(app);
      app.start();
    }
  }

  async run(durationMs: number, onProgress?: (p: RunProgress) => void): Promise<void> {
    await this.world.runUntil(this.world.now() + durationMs, onProgress);
  }

  /** Disconnects everyone and closes the broker. */
  async stop(): Promise<void> {
    this.world.log.emit('world.end', { simulatedMs: this.world.now() });
    for (const app of this.apps) await app.stop();
    for (const doorbell of this.doorbells) await doorbell.stop();
    await this.ingest?.stop();
    await this.world.close();
  }
}
