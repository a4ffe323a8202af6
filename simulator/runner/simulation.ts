import { deviceKindNamed, deviceKinds } from '../../devices/catalog.js';
import { deviceContext } from '../../devices/device-context.js';
import type { DeviceActor } from '../../devices/device-kind.js';
import { OwnerApp, type LoginContinuation } from '../actors/owner-app.js';
import type { Link, TransportMode } from '../broker/link.js';
import { FaultyLink, type Reconnect } from '../faults/faulty-link.js';
import { anyWireFault, FAULT_METRICS } from '../faults/wire-faults.js';
import type { BrokerPolicy } from '../broker/policy.js';
import { SimBroker } from '../broker/sim-broker.js';
import { sealedFor, sealedWill } from '../broker/sealed-link.js';
import { ExternalBroker } from '../broker/external/external-broker.js';
import { checkTownCredentials } from '../broker/external/town-credentials.js';
import type { ExternalBrokerTarget } from '../broker/external/broker-target.js';
import { Cloud, type CloudOptions } from '../cloud/cloud.js';
import { RecordingIngest } from '../cloud/ingest.js';
import { CRYPTOGRAPHIC_SECRETS, SEEDED_SECRETS, type SecretSource } from '../core/secret-source.js';
import { World, type RunProgress } from '../core/world.js';
import type { LogSink } from '../core/event-log.js';
import { MetricsRecorder } from '../metrics/recorder.js';
import { countBrokerTraffic, countTopicTraffic } from '../metrics/traffic-counter.js';
import { Town, type TownOptions } from '../population/town.js';
import { defaultWorldParamsOf, type WorldParams } from './world-params.js';

/** Above this many homes `transport: 'auto'` carries device and app traffic on the fast path. */
export const AUTO_DIRECT_ABOVE_HOMES = 2_000;

export interface SimulationOptions {
  seed: number;
  homes: number;
  /** 'mqtt': one real MQTT packet per message; 'direct': the fast path; 'auto' (default) picks by size. */
  transport?: TransportMode | 'auto';
  retainLog?: boolean;
  /** Receives the event log's JSON lines as they are hashed (`run --log FILE`). */
  logSink?: LogSink;
  params?: WorldParams;
  resident?: TownOptions['resident'];
  cloud?: CloudOptions;
  brokerPolicies?: BrokerPolicy[];
  tenantAcl?: boolean;
  /**
   * Live mode (serve): aedes keeps its own timers, and every credential comes from the
   * cryptographic secret source, since listeners expose the broker to anyone who knows the seed.
   */
  live?: boolean;
  /** A simulated run's secret source (default seeded); a live one is always cryptographic. */
  secrets?: SecretSource;
  /** Live mode: accept service logins through the listeners (serve --allow-service-logins). */
  allowExternalServices?: boolean;
  /** How the owners' apps finish a login that needs more than a password (second factor). */
  continueLogin?: LoginContinuation;
  /**
   * `--broker`: every link (devices, apps, the cloud's ingest, attackers) goes over TCP to this
   * MQTT 3.1.1 broker instead of the in-process aedes (external-broker.ts). Simulated runs only.
   */
  broker?: ExternalBrokerTarget;
}

/**
 * A town on a broker: world, cloud, broker, homes with their devices (from the device
 * catalogue) and owners' apps, the cloud's recording ingest and a metrics recorder —
 * everything a scenario adds its attackers to.
 */
export class Simulation {
  /** Every connected device, by home (homeId order), within a home in catalogue order. */
  readonly devices: DeviceActor[] = [];
  readonly apps: OwnerApp[] = [];
  ingest!: RecordingIngest;
  readonly recorder: MetricsRecorder;
  /** Set with `broker`: the external broker every link goes to. */
  external: ExternalBroker | undefined;

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
    const secrets = options.live ? CRYPTOGRAPHIC_SECRETS : (options.secrets ?? SEEDED_SECRETS);
    const world = new World({ seed: options.seed, retainLog: options.retainLog, logSink: options.logSink, secrets });
    const cloud = new Cloud(world, options.cloud);
    const broker = await SimBroker.create(world, cloud, {
      policies: options.brokerPolicies,
      tenantAcl: options.tenantAcl,
      live: options.live,
      allowExternalServices: options.allowExternalServices,
    });
    const params = options.params ?? defaultWorldParamsOf();
    const town = new Town(world, cloud, { homes: options.homes, resident: options.resident, deviceParams: params });
    const requested = options.transport ?? 'auto';
    const transport: TransportMode = requested === 'auto' ? (options.homes > AUTO_DIRECT_ABOVE_HOMES ? 'direct' : 'mqtt') : requested;
    const sim = new Simulation(world, cloud, broker, town, transport, params, options);
    countBrokerTraffic(broker, sim.recorder.metrics);
    if (options.broker) {
      if (options.live) throw new Error('Simulation: an external broker is for simulated runs, not live ones');
      checkTownCredentials(cloud, town.homes.map((h) => h.homeId), options.broker);
      const external = new ExternalBroker(world, options.broker.url, options.broker.passwords, (username, password) => broker.ownerOfLogin(username, password));
      world.addSettler(external);
      world.onClose(() => external.closeAll());
      broker.useExternalBroker(external);
      sim.external = external;
    }
    world.log.emit('world.start', { seed: options.seed, homes: options.homes });
    return sim;
  }

  /** Connects the cloud ingest, every home's devices and every owner's app, at virtual time now. */
  async start(): Promise<void> {
    const { world, cloud, broker, transport } = this;
    await this.external?.openMeter(countTopicTraffic(this.recorder.metrics));
    // The cloud holds every home's key under payload-encryption (sealed-link.ts); without it the link is as it was.
    this.ingest = await RecordingIngest.start(cloud, sealedFor(world, 'all', await broker.link({ clientId: 'cloud-ingest', ...broker.serviceCredentials('ingest') }, transport)));
    // Every kind's metrics are in the report, 0 when nothing happened (or no home has one).
    for (const { definition } of deviceKinds()) for (const metric of definition.metrics) this.recorder.metrics.add(metric, 0);
    if (anyWireFault(this.params.faults)) for (const metric of FAULT_METRICS) this.recorder.metrics.add(metric, 0);
    const connected = new Map<string, DeviceActor>();
    for (const home of this.town.homes) {
      for (const record of home.devices) {
        const kind = deviceKindNamed(record.kind);
        if (!kind) throw new Error(`device ${record.deviceId}: kind "${record.kind}" is not in the device catalogue`);
        const context = deviceContext({
          world,
          kind,
          record,
          params: this.params[kind.definition.name] ?? kind.definition.params.parse({}),
          connect: async (plainWill) => {
            // The device seals with its home's key (payload-encryption), outside the wire's faults: they act on what crosses the wire.
            const will = sealedWill(world, record.deviceId, plainWill);
            const connect = () => broker.link({ clientId: record.deviceId, username: record.deviceId, password: record.credential, will }, transport);
            return sealedFor(world, [record.homeId], this.withWireFaults(record.deviceId, await connect(), { connect, will }), record.deviceId);
          },
          metrics: this.recorder.metrics,
        });
        world.spawn(async () => {
          connected.set(record.deviceId, await kind.definition.create(context));
        });
      }
    }
    await world.settle();
    // By home, then the home's own order, so later iteration does not depend on connect completion order.
    const byHome = [...this.town.homes].sort((a, b) => (a.homeId < b.homeId ? -1 : 1));
    for (const home of byHome) for (const record of home.devices) this.devices.push(connected.get(record.deviceId)!);
    this.scheduleBrokerRestart();
    for (const home of this.town.homes) {
      const app = new OwnerApp(world, cloud, broker, home, transport, this.params.app, this.options.continueLogin);
      this.apps.push(app);
      app.start();
    }
  }

  /** A device's link through the wire's faults when any is on; the link itself otherwise (no draw, no change). */
  private withWireFaults(deviceId: string, link: Link, reconnect: Reconnect): Link {
    const faults = this.params.faults;
    if (!anyWireFault(faults)) return link;
    const faulty = new FaultyLink(link, faults, this.world.rng(`faults/wire/${deviceId}`), this.world, this.recorder.metrics, reconnect, this.world.rng(`faults/reboot/${deviceId}`));
    this.faultyLinks.push(faulty);
    return faulty;
  }

  /** Every device link with faults in it, in connect order (a broker restart drops them all). */
  private readonly faultyLinks: FaultyLink[] = [];

  /** faults.brokerRestartAtMinutes: once, every device link dropped at that minute of the run. */
  private scheduleBrokerRestart(): void {
    const { brokerRestartAtMinutes, brokerDownMs } = this.params.faults;
    if (brokerRestartAtMinutes === undefined) return;
    this.world.scheduler.at(this.world.now() + brokerRestartAtMinutes * 60_000, () => {
      this.world.log.emit('wire.broker-restarted', { downMs: brokerDownMs });
      // By device id, so the order (and each device's backoff draw) never depends on connect completion order.
      const links = [...this.faultyLinks].sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
      for (const link of links) link.brokerRestarted(brokerDownMs);
    });
  }

  async run(durationMs: number, onProgress?: (p: RunProgress) => void): Promise<void> {
    await this.world.runUntil(this.world.now() + durationMs, onProgress);
  }

  /** Disconnects everyone and closes the broker. */
  private stopping: Promise<void> | undefined;

  /** Ends the run once: a second call (a live run's shutdown after its report) waits for the first. */
  stop(): Promise<void> {
    return (this.stopping ??= this.stopOnce());
  }

  private async stopOnce(): Promise<void> {
    this.world.log.emit('world.end', { simulatedMs: this.world.now() });
    for (const app of this.apps) await app.stop();
    for (const device of this.devices) await device.stop();
    await this.ingest?.stop();
    await this.world.close();
  }
}
