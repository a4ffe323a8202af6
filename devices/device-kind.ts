import type { z } from 'zod';
import type { Link } from '../simulator/broker/link.js';
import type { DeviceRecord } from '../simulator/cloud/device-registry.js';
import type { SeededRandom } from '../simulator/core/random.js';
import type { World } from '../simulator/core/world.js';

/**
 * What a device kind is (docs/architecture.md, "Device kinds"): everything the world needs to
 * put one in a home, connect it and measure it, so that a new kind (an indoor camera, a voice
 * assistant, a test's toy) is added by registering one definition (catalog.ts), without
 * touching the town, the simulation or the owners' app.
 */

/** Channels a device publishes on, of `homes/{homeId}/devices/{deviceId}/{channel}`. */
export type DevicePublishChannel = 'events' | 'status' | 'media';

/** Any channel of a device's subtree: the ones it publishes, and `commands`, which it obeys. */
export type DeviceTopicChannel = DevicePublishChannel | 'commands';

/**
 * What an owner's app can do with a device whatever its kind. The app finds the device it
 * opens live view on, or talks through, by these flags, never by kind name.
 */
export interface DeviceCapabilities {
  /** Streams video from `{"cmd":"live-view-start"}` until `{"cmd":"live-view-stop"}`. */
  readonly liveView?: boolean;
  /** Plays an owner's `{"cmd":"talk","message":…}` to whoever is there. */
  readonly speaker?: boolean;
}

export type DeviceCapability = keyof DeviceCapabilities;

/** A retained message the broker publishes for a device whose link drops without DISCONNECT. */
export interface LastWill {
  topic: string;
  payload: string;
  retain: boolean;
}

/** A connected device: what the simulation holds to stop it when the run ends. */
export interface DeviceActor {
  readonly record: DeviceRecord;
  /** Ends the device's part in the run: timers cancelled, link closed. */
  stop(): Promise<void>;
}

/** What `create` receives: one device of one home, on the world's clock. */
export interface DeviceContext<P> {
  /** Time (`now`, `scheduler`) and the event log. Chance only through `random` and `rng`. */
  readonly world: World;
  /** The registered device: id, home, kind, firmware, credential. */
  readonly record: DeviceRecord;
  /** The kind's validated parameters for this run (`--set {kind}.{name}=…`). */
  readonly params: P;
  /** This device's own seeded stream, `devices/{kind}/{deviceId}`. */
  readonly random: SeededRandom;
  /** A further stream of this device, `devices/{kind}/{deviceId}/{part}`. */
  rng(part: string): SeededRandom;
  /** This device's topic on a channel the kind declared (`publishes`, or `commands`); throws for any other. */
  topic(channel: DeviceTopicChannel): string;
  /** Connects to the broker as this device (its id, its credential), over the run's transport. */
  connect(will?: LastWill): Promise<Link>;
  /** Adds `amount` (default 1) to one of the kind's declared `metrics`; throws for a name it did not declare. */
  count(metric: string, amount?: number): void;
}

/**
 * One kind of device. `S` is its parameter schema, a zod object whose every field has a
 * default (so `{}` parses), with `describe()` saying where the default comes from.
 */
export interface DeviceKindDefinition<S extends z.ZodObject = z.ZodObject> {
  /** Kebab-case; the first part of its parameters' dotted names (`doorbell.motionPerDay`). */
  readonly name: string;
  /** One line for `smarthome-sim list`. */
  readonly summary: string;
  /** Parameters with defaults; the world's parameter schema is built from every kind's. */
  readonly params: S;
  /** Channels it publishes on; `topic()` refuses the others. */
  readonly publishes: readonly DevicePublishChannel[];
  /** The `cmd` values it obeys on its `commands` channel. */
  readonly commands: readonly string[];
  /** What the owner's app may use it for (absent: nothing). */
  readonly capabilities?: DeviceCapabilities;
  /** Device ids are `{idPrefix}-{home number}` (`db-00042`); unique across kinds. */
  readonly idPrefix: string;
  /** Firmware versions in the field, one picked uniformly per device from the kind's stream. */
  readonly firmwareVersions: readonly string[];
  /**
   * The share of homes (0 to 1) that have one, usually a parameter of the kind. Each home is
   * drawn in home order from the kind's own stream, `devices/{kind}/homes`; 0 and 1 draw nothing.
   */
  shareOfHomes(params: z.output<S>): number;
  /** Metric names it reports, each `{kind}.…`; every one is in the report (0 when nothing happened). */
  readonly metrics: readonly string[];
  /** Builds and connects one device actor; resolves once it is online. */
  create(context: DeviceContext<z.output<S>>): Promise<DeviceActor>;
}

/** Identity function that gives a definition its types (the parameters of `create` from `params`). */
export function defineDeviceKind<S extends z.ZodObject>(definition: DeviceKindDefinition<S>): DeviceKindDefinition<S> {
  return definition;
}
