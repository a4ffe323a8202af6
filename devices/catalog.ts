import type { z } from 'zod';
import { DEVICE_PUBLISH_CHANNELS } from '../simulator/broker/topics.js';
import type { DeviceRecord } from '../simulator/cloud/device-registry.js';
import { isDefenseName } from '../simulator/defenses/catalog.js';
import type { DeviceCapability, DeviceKindDefinition } from './device-kind.js';
import { doorbellKind } from './doorbell-kind.js';
import { indoorCameraKind } from './indoor-camera-kind.js';
import { voiceAssistantKind } from './voice-assistant-kind.js';

/**
 * The device catalogue: every kind a town may hold, in the order a home's devices are
 * registered, connected and stopped. The built-in kinds come first; `registerDeviceKind` adds
 * one at run time (a test file, a user's script), which every later run in the process sees.
 */

/** Seeded streams a kind draws from while the town is built; its devices' own are `devices/{kind}/{deviceId}`. */
export interface DeviceKindStreams {
  /** Which homes have one: a draw per home, in home order. */
  readonly homes: string;
  /** Each device's firmware version. */
  readonly firmware: string;
  /** Each device's broker credential (through the world's secret source). */
  readonly credentials: string;
}

export interface CatalogedDeviceKind {
  // Kinds of many parameter types side by side; each definition is typed where it is written.
  readonly definition: DeviceKindDefinition<any>;
  readonly streams: DeviceKindStreams;
  readonly builtIn: boolean;
}

/** A registered kind draws only from streams named after itself, so adding one never shifts another's draws. */
function ownStreams(name: string): DeviceKindStreams {
  return { homes: `devices/${name}/homes`, firmware: `devices/${name}/firmware`, credentials: `devices/${name}/credentials` };
}

/**
 * The doorbell's streams from before the catalogue: its firmware was drawn with the residents
 * and its credential from the cloud's stream, interleaved home by home. Kept so that every
 * seeded run stays byte for byte what it was (test/scenarios/pinned-hashes.test.ts). Its
 * own stream, `device/{deviceId}`, is named in doorbell.ts for the same reason.
 */
const DOORBELL_STREAMS: DeviceKindStreams = {
  homes: 'devices/doorbell/homes',
  firmware: 'population/residents',
  credentials: 'cloud/device-credentials',
};

const kinds = new Map<string, CatalogedDeviceKind>();
kinds.set(doorbellKind.name, { definition: doorbellKind, streams: DOORBELL_STREAMS, builtIn: true });
// Share 0 by default: draws nothing, so existing towns are unchanged (issue 14).
kinds.set(indoorCameraKind.name, { definition: indoorCameraKind, streams: ownStreams(indoorCameraKind.name), builtIn: true });
// After the doorbell, on its own streams, in no home by default: existing runs draw nothing new.
kinds.set(voiceAssistantKind.name, { definition: voiceAssistantKind, streams: ownStreams(voiceAssistantKind.name), builtIn: true });

const KEBAB = /^[a-z][a-z0-9-]*$/;

/** Names that already mean something as the first part of a dotted parameter. */
function reservedBecause(name: string): string | undefined {
  if (name === 'app') return "it is the owners' app's parameter group";
  if (isDefenseName(name)) return 'it is a defence';
  return undefined;
}

/** Every problem of a definition, each naming the field; empty when it may join the catalogue. */
export function checkDeviceKind(definition: DeviceKindDefinition<z.ZodObject>): string[] {
  const problems: string[] = [];
  const { name } = definition;
  if (typeof name !== 'string' || !KEBAB.test(name)) problems.push(`name must be kebab-case, got ${JSON.stringify(name)}`);
  else {
    const reserved = reservedBecause(name);
    if (reserved) problems.push(`name "${name}" is taken: ${reserved}`);
    if (kinds.has(name)) problems.push(`name "${name}" is already in the catalogue`);
  }
  if (typeof definition.idPrefix !== 'string' || !KEBAB.test(definition.idPrefix)) problems.push(`idPrefix must be kebab-case, got ${JSON.stringify(definition.idPrefix)}`);
  else if ([...kinds.values()].some((k) => k.definition.idPrefix === definition.idPrefix)) problems.push(`idPrefix "${definition.idPrefix}" is another kind's`);
  if (!definition.params?.safeParse({}).success) problems.push('params must give every field a default ({} must parse)');
  for (const channel of definition.publishes ?? []) {
    if (!(DEVICE_PUBLISH_CHANNELS as readonly string[]).includes(channel)) problems.push(`publishes: "${channel}" is not one of ${DEVICE_PUBLISH_CHANNELS.join(', ')}`);
  }
  if (!Array.isArray(definition.firmwareVersions) || definition.firmwareVersions.length === 0) problems.push('firmwareVersions must name at least one version');
  const metrics = definition.metrics ?? [];
  for (const metric of metrics) if (!metric.startsWith(`${name}.`)) problems.push(`metric "${metric}" must start with "${name}."`);
  if (new Set(metrics).size !== metrics.length) problems.push('metrics must not repeat a name');
  return problems;
}

/**
 * Adds a kind to the catalogue; from then on every town installs it in its share of homes.
 * Throws, naming every problem, for a definition that does not fit. Returns a function that
 * takes it out again (a test's cleanup).
 */
export function registerDeviceKind<S extends z.ZodObject>(definition: DeviceKindDefinition<S>): () => void {
  const problems = checkDeviceKind(definition as unknown as DeviceKindDefinition<z.ZodObject>);
  if (problems.length > 0) throw new Error(`device kind ${JSON.stringify(definition.name)}: ${problems.join('; ')}`);
  const entry: CatalogedDeviceKind = { definition, streams: ownStreams(definition.name), builtIn: false };
  kinds.set(definition.name, entry);
  return () => {
    if (kinds.get(definition.name) === entry) kinds.delete(definition.name);
  };
}

/** The catalogue now, in order: the built-in kinds, then registered ones in registration order. */
export function deviceKinds(): readonly CatalogedDeviceKind[] {
  return [...kinds.values()];
}

/** The built-in kinds alone (what a process that registered nothing sees). */
export function builtInDeviceKinds(): readonly CatalogedDeviceKind[] {
  return deviceKinds().filter((kind) => kind.builtIn);
}

export function deviceKindNamed(name: string): CatalogedDeviceKind | undefined {
  return kinds.get(name);
}

/** The first of `devices` whose kind has `capability` (the app's live view, its speaker). */
export function deviceWith(devices: readonly DeviceRecord[], capability: DeviceCapability): DeviceRecord | undefined {
  return devices.find((device) => kinds.get(device.kind)?.definition.capabilities?.[capability] === true);
}
