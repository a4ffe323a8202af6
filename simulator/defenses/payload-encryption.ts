import { z } from 'zod';
import { installPayloadCipher } from '../broker/payload-cipher.js';
import type { BrokerPolicy } from '../broker/policy.js';
import { defineDefense } from './defense.js';

/**
 * Per-home payload encryption (simulator/broker/payload-cipher.ts, sealed-link.ts): every
 * payload between a home's devices, its members' apps and the vendor's cloud is AES-256-GCM
 * under the home's key, so a client that reads the broker's traffic — `#` at mqtt-default,
 * a stolen credential, a compromised broker host — reads ciphertext, and one without the key
 * can no longer inject (GCM authenticates). Topic names still leak (which homes, which
 * devices, when each channel speaks). The cloud holds every home's key (its ingest and the
 * broker's command attestation read payloads), so this is protection against other broker
 * clients and the wire, not against the vendor: the `e2ee` defence is that (data layer). Off
 * unless named; not in mqtt-hardened (see docs/wire-attacks.md, "Payload encryption").
 */
export const payloadEncryption = defineDefense({
  name: 'payload-encryption',
  layer: 'broker',
  models:
    'ETSI EN 303 645 provision 5.5-1 (cryptography for communications) and 5.8-2 (personal data encrypted in transit); OWASP ISVS V3.1 and OWASP IoT Top 10 2018 I7 (insecure data transfer); NIST SP 800-38D (AES-GCM, deterministic IVs §8.2.1); MQTT payload encryption as in HiveMQ\u2019s payload-encryption guidance (the broker sees topics only)',
  schema: z.strictObject({}),
  defaults: {},
  create(env) {
    const cipher = installPayloadCipher(env.world);
    const broker: BrokerPolicy = {
      name: 'payload-encryption',
      openPayload: (topic, payload) => cipher.open(topic, payload),
      sealPayload: (topic, payload) => (cipher.sealsTopic(topic) ? cipher.seal(topic, payload) : payload),
    };
    // Endpoints seal only while the policy is plugged in (the classroom may unplug it: toggle.ts).
    const chokePoint = env.broker;
    if (chokePoint) cipher.isActive = () => chokePoint.policies.includes(broker);
    return {
      name: 'payload-encryption',
      broker,
      stats: () => ({ sealed: cipher.sealed, opened: cipher.opened, authFailures: cipher.authFailures, plaintextRefused: cipher.plaintextRefused }),
    };
  },
});
