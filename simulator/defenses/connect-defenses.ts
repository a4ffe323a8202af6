import { z } from 'zod';
import { clientIdBindingPolicy, uniqueDeviceCredentialsPolicy } from '../broker/connect-policies.js';
import { defineDefense } from './defense.js';

/**
 * The broker's CONNECT-time protections as switches (simulator/broker/connect-policies.ts).
 * Both on by default, as the simulated vendor always had them; the `mqtt-default` profile
 * takes them away to measure a broker at aedes' own defaults. Their refusals are logged as
 * `broker.connect-refused`, so they keep no counters of their own.
 */
export const uniqueDeviceCredentials = defineDefense({
  name: 'unique-device-credentials',
  layer: 'broker',
  models:
    'ETSI EN 303 645 v2.1.1 provision 5.1-1 (no universal default passwords); NIST SP 800-53 Rev. 5 IA-5(1); Mosquitto password_file with one entry per device and allow_anonymous false',
  onByDefault: true,
  schema: z.strictObject({}),
  defaults: {},
  create: () => ({ name: 'unique-device-credentials', broker: uniqueDeviceCredentialsPolicy, stats: () => ({}) }),
});

export const clientIdBinding = defineDefense({
  name: 'client-id-binding',
  layer: 'broker',
  models:
    'NIST SP 800-53 Rev. 5 AC-3 (access enforcement) on MQTT-3.1.4-2 (a new connection with a used client id closes the old one); Mosquitto use_username_as_clientid; the aedes authenticate hook',
  onByDefault: true,
  schema: z.strictObject({}),
  defaults: {},
  create: () => ({ name: 'client-id-binding', broker: clientIdBindingPolicy, stats: () => ({}) }),
});
