import type { BrokerPolicy } from './policy.js';

/**
 * The two CONNECT-time protections the broker had built in before issue 17, now policies so
 * that a world without them (the `mqtt-default` profile: aedes' own defaults) can be
 * measured. Their refusals keep the reasons and CONNACK codes they always had, so a default
 * run's event log is byte for byte what it was.
 */

/**
 * Each device connects only with its own 128-bit secret, never the vendor's shared factory
 * default (ETSI EN 303 645 provision 5.1-1, "no universal default passwords"; Mosquitto's
 * `password_file` with one entry per device and `allow_anonymous false`).
 */
export const uniqueDeviceCredentialsPolicy: BrokerPolicy = {
  name: 'unique-device-credentials',
  authorizeConnect: (_principal, facts) => (facts.credential === 'factory-default' ? { reason: 'bad device credential', returnCode: 4 } : undefined),
};

/**
 * A client id belongs to one principal: a device's id to that device alone, a live
 * connection's id to whoever holds it. Without this aedes closes the holder of a reused id
 * (MQTT-3.1.4-2), so anyone could knock a device offline (NIST SP 800-53 AC-3; Mosquitto's
 * `use_username_as_clientid`; the aedes `authenticate` hook).
 */
export const clientIdBindingPolicy: BrokerPolicy = {
  name: 'client-id-binding',
  authorizeConnect(_principal, facts) {
    if (facts.idConflict === 'device-id') return { reason: 'client id belongs to a device', returnCode: 2 };
    if (facts.idConflict === 'held') return { reason: 'client id in use by another principal', returnCode: 2 };
    return undefined;
  },
};
