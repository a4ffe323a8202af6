import type { Cloud } from '../cloud/cloud.js';
import { OBSERVER_PREFIX, secretsEqual } from './observer-access.js';
import { samePrincipal, type BrokerPrincipal } from './principal.js';

export type Resolution = { principal: BrokerPrincipal } | { reason: string; returnCode: 2 | 4 | 5 };

/** How a connection reached the broker: an in-process stream or link, or a live listener. */
export type ConnectionOrigin = 'memory' | 'tcp' | 'ws';

/** Where a CONNECT came from, and whether service principals may log in from outside. */
export interface ConnectGate {
  origin: ConnectionOrigin;
  allowExternalServices: boolean;
  /** The observer secret of this start (demo only; observer-access.ts); undefined: no observer may log in. */
  observerSecret?: string;
}

const IN_PROCESS: ConnectGate = { origin: 'memory', allowExternalServices: false };

/**
 * Decides who a CONNECT speaks for. Devices: username = device id, password = the device's
 * own credential. Owners: username = e-mail, password = a live session token. Services:
 * username = service:{name}, password = its secret, and only in-process unless the broker
 * allows external services. Nothing else, never anonymous.
 * `holderOf` names whoever holds a client id now (MQTT client or direct link).
 */
export function resolvePrincipal(
  cloud: Cloud,
  serviceSecret: (name: string) => string | undefined,
  holderOf: (clientId: string) => BrokerPrincipal | undefined,
  clientId: string,
  username: string | undefined,
  password: string | undefined,
  gate: ConnectGate = IN_PROCESS,
): Resolution {
  if (!username || !password) return { reason: 'anonymous connections are refused', returnCode: 4 };
  let principal: BrokerPrincipal;
  const device = cloud.devices.get(username);
  if (device) {
    if (!cloud.devices.checkCredential(username, password)) return { reason: 'bad device credential', returnCode: 4 };
    principal = { kind: 'device', deviceId: device.deviceId, homeId: device.homeId };
  } else if (username.startsWith('service:')) {
    // Refused before the secret is compared, so a socket is no oracle for guessing it: a
    // service reads every home and $SYS, which no one outside the process should (issue 12).
    if (gate.origin !== 'memory' && !gate.allowExternalServices) return { reason: 'service principals connect in-process only', returnCode: 5 };
    const name = username.slice('service:'.length);
    if (serviceSecret(name) !== password) return { reason: 'bad service credential', returnCode: 4 };
    principal = { kind: 'service', name };
  } else if (username.startsWith(OBSERVER_PREFIX)) {
    if (gate.observerSecret === undefined || !secretsEqual(gate.observerSecret, password)) return { reason: 'bad observer credential', returnCode: 4 };
    principal = { kind: 'observer', name: username.slice(OBSERVER_PREFIX.length) };
  } else {
    const session = cloud.sessions.validate(password);
    const account = session ? cloud.accounts.get(session.accountId) : undefined;
    if (!session || !account || account.email !== username.toLowerCase()) return { reason: 'bad user name or session', returnCode: 4 };
    principal = { kind: 'account', accountId: account.id, token: session.token, sessionId: session.id, heldBy: session.heldBy };
  }
  // A client id belongs to one principal: a device's id to that device alone, a live
  // connection's id to whoever holds it. Otherwise aedes closes the holder (MQTT-3.1.4-2)
  // and anyone could knock a device offline by reusing its id.
  if (cloud.devices.get(clientId) && !(principal.kind === 'device' && principal.deviceId === clientId)) {
    return { reason: 'client id belongs to a device', returnCode: 2 };
  }
  const holder = holderOf(clientId);
  if (holder && !samePrincipal(holder, principal)) return { reason: 'client id in use by another principal', returnCode: 2 };
  return { principal };
}
