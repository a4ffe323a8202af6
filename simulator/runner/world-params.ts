import { z } from 'zod';
import { builtInDeviceKinds, deviceKinds, type CatalogedDeviceKind } from '../../devices/catalog.js';
import type { DoorbellParams } from '../../devices/doorbell-params.js';
import { DEFAULT_OWNER_APP_PARAMS, type OwnerAppParams } from '../actors/owner-app.js';
import { NO_WIRE_FAULTS, wireFaultsSchema, type WireFaults } from '../faults/wire-faults.js';

const rate = z.number().min(0).max(10_000);
const chance = z.number().min(0).max(1);
const positiveMs = z.number().int().min(1);

/** The owners' app's parameters; defaults and their sources live in simulator/actors/owner-app.ts. */
const appParamsSchema = z
  .object({
    opensPerDay: rate,
    openMeanMs: positiveMs,
    passwordLoginsPerDay: rate,
    signedInAtStart: chance,
    typoRate: chance,
    liveViewChance: chance,
    liveViewMeanMs: positiveMs,
    talkOnDingChance: chance,
  })
  .strict();

/**
 * Parameters of the world every scenario shares, settable as `--set doorbell.motionPerDay=20`:
 * one group per device kind in the catalogue (named after the kind, its schema and defaults
 * from the kind's definition, devices/), `app` for the owners' app, and `faults` for the wire.
 */
export interface WorldParams {
  doorbell: DoorbellParams;
  app: OwnerAppParams;
  /** Faults on the wire (simulator/faults/), all off by default. */
  faults: WireFaults;
  /** Any other catalogued kind's parameters, by kind name (`toy-sensor`, `indoor-camera` …). */
  [kind: string]: unknown;
}

/** The world's parameter groups for a catalogue: its kinds' names and `app`. */
export function worldParamGroups(kinds: readonly CatalogedDeviceKind[] = deviceKinds()): Set<string> {
  return new Set([...kinds.map((kind) => kind.definition.name), 'app', 'faults']);
}

/** The schema of the world's parameters for a catalogue (default: the catalogue as it stands now). */
export function worldParamsSchemaOf(kinds: readonly CatalogedDeviceKind[] = deviceKinds()): z.ZodType<WorldParams> {
  const groups: Record<string, z.ZodType> = Object.fromEntries(kinds.map((kind) => [kind.definition.name, kind.definition.params]));
  // Kinds first, then the app: the built-in catalogue gives { doorbell, app }, as before the catalogue.
  return z.object({ ...groups, app: appParamsSchema, faults: wireFaultsSchema }).strict() as unknown as z.ZodType<WorldParams>;
}

/** Every world parameter at its default for a catalogue (each kind's from its schema). */
export function defaultWorldParamsOf(kinds: readonly CatalogedDeviceKind[] = deviceKinds()): WorldParams {
  const groups = Object.fromEntries(kinds.map((kind) => [kind.definition.name, kind.definition.params.parse({})]));
  return { ...groups, app: { ...DEFAULT_OWNER_APP_PARAMS }, faults: { ...NO_WIRE_FAULTS } } as WorldParams;
}

/** The schema for the built-in catalogue (doorbell, app). Runs use worldParamsSchemaOf(), which sees registered kinds. */
export const worldParamsSchema = worldParamsSchemaOf(builtInDeviceKinds());

/** The defaults for the built-in catalogue; a kind a Simulation finds missing here runs at its own defaults. */
export const DEFAULT_WORLD_PARAMS: WorldParams = defaultWorldParamsOf(builtInDeviceKinds());
