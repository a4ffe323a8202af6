import { externalServiceGrants } from '../broker/external/town-credentials.js';
import { Cloud } from '../cloud/cloud.js';
import { World } from '../core/world.js';
import { Town } from '../population/town.js';
import { tenantsOfCloud, type MosquittoTenants } from './tenants.js';

/**
 * The users a run of this seed and size brings to an external broker: the town's devices and
 * owners (built as the run builds them: same homes, ids and e-mails), the run's own services
 * (the ingest, the traffic meter) and the settle barrier. mosquitto-config writes these, and
 * `run --broker` checks its town against them (town-credentials.ts).
 */
export async function runTenants(seed: number, homes: number): Promise<MosquittoTenants> {
  const world = new World({ seed });
  const cloud = new Cloud(world);
  const town = new Town(world, cloud, { homes });
  const tenants = { ...tenantsOfCloud(cloud, town.homes.map((h) => h.homeId)), services: externalServiceGrants(), barrier: true };
  await world.close();
  return tenants;
}
