import type { Cloud } from '../../cloud/cloud.js';
import { tenantsOfCloud } from '../../mosquitto/tenants.js';
import { InputError } from '../../runner/input-error.js';
import type { ExternalBrokerTarget } from './broker-target.js';
import { externalServiceUser, METER_USER } from './external-broker.js';

/** The in-process services that log in to an external broker: the cloud's recording ingest (simulation.ts). */
export const EXTERNAL_SERVICES = ['ingest'] as const;

/**
 * Every user of this town must have a password on the external broker: each device, each
 * owner, the services and the meter. A file written for another seed or size misses some, and
 * the run would refuse its own town; checked before the first simulated second.
 */
export function checkTownCredentials(cloud: Cloud, homeIds: readonly string[], target: ExternalBrokerTarget): void {
  const tenants = tenantsOfCloud(cloud, homeIds);
  const needed = [...tenants.devices.map((d) => d.deviceId), ...tenants.accounts.map((a) => a.username), ...EXTERNAL_SERVICES.map(externalServiceUser), METER_USER];
  const missing = needed.filter((username) => !target.passwords.has(username));
  if (missing.length > 0) {
    throw new InputError(
      `--broker-credentials: no password for ${missing.length} of this town's ${needed.length} users (first "${missing[0]}"); write the file with smarthome-sim mosquitto-config DIR and the run's --seed and --homes`,
    );
  }
}

/** What mosquitto-config grants the run's own services on the external broker (tenants.ts `services`). */
export function externalServiceGrants(): Array<{ username: string; read: string[] }> {
  return [
    // The recording ingest's one subscription (cloud/ingest.ts).
    { username: externalServiceUser('ingest'), read: ['homes/+/devices/+/media'] },
    { username: METER_USER, read: ['homes/#'] },
  ];
}
