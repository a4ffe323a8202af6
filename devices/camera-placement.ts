import type { SeededRandom } from '../simulator/core/random.js';
import type { World } from '../simulator/core/world.js';

/**
 * Where a camera looks and what its owner called it. Ring's app asks the owner to name each
 * device and the 2017 insider picked cameras by those names ("Master Bedroom", "Master
 * Bathroom": FTC v. Ring LLC, complaint ¶¶ 20–23, D.D.C. 2023), so the cloud keeps the name,
 * the room and a sensitivity class with every clip.
 */
export type Sensitivity = 'public' | 'common' | 'private';

export const SENSITIVITIES: readonly Sensitivity[] = ['public', 'common', 'private'];

export interface CameraPlacement {
  readonly name: string;
  readonly room: string;
  readonly sensitivity: Sensitivity;
}

/** The doorbell looks at the porch: every clip of it is public-facing. */
export const DOORBELL_PLACEMENT: CameraPlacement = Object.freeze({ name: 'Front Door', room: 'porch', sensitivity: 'public' });

/**
 * Owner-given indoor camera names with the room and class, and a weight each. The weights are
 * an assumption of this simulator (vendors publish no split of where indoor cameras point);
 * living areas first, then nurseries and bedrooms, as the complaint's examples show.
 */
export const INDOOR_PLACEMENTS: readonly (CameraPlacement & { readonly weight: number })[] = [
  { name: 'Living Room', room: 'living-room', sensitivity: 'common', weight: 30 },
  { name: 'Kitchen', room: 'kitchen', sensitivity: 'common', weight: 15 },
  { name: 'Hallway', room: 'hallway', sensitivity: 'common', weight: 10 },
  { name: 'Garage', room: 'garage', sensitivity: 'common', weight: 10 },
  { name: 'Nursery', room: 'nursery', sensitivity: 'private', weight: 15 },
  { name: 'Master Bedroom', room: 'bedroom', sensitivity: 'private', weight: 12 },
  { name: 'Kids Room', room: 'bedroom', sensitivity: 'private', weight: 5 },
  { name: 'Master Bathroom', room: 'bathroom', sensitivity: 'private', weight: 3 },
];

const WEIGHTS = INDOOR_PLACEMENTS.map((p) => p.weight);

export function drawIndoorPlacement(random: SeededRandom): CameraPlacement {
  const { name, room, sensitivity } = INDOOR_PLACEMENTS[random.weighted(WEIGHTS)]!;
  return { name, room, sensitivity };
}

/** Placements of a world's cameras by device id: what the owner told the cloud in the app. */
const byWorld = new WeakMap<World, Map<string, CameraPlacement>>();

export function cameraPlacements(world: World): Map<string, CameraPlacement> {
  let placements = byWorld.get(world);
  if (!placements) byWorld.set(world, (placements = new Map()));
  return placements;
}
