import type { Cloud } from '../cloud/cloud.js';
import { OBSERVER_PREFIX, secretsEqual } from './observer-access.js';
import { samePrincipal, type BrokerPrincipal } from './principal.js';

/** A CONNECT refused: the reason logged and the CONNACK return code. */
export interface Refusal {
  reason: string;
  returnCode: 2 | 4 | 5;
}

/**
 * What the resolver found, for the broker's connect policies to judge (policy.ts
 * authorizeConnect): how the password matched, and whether the client id is someone else's.
 * The resolver itself accepts what aedes would; the defences (unique-device-credentials,
 * client-id-binding) refuse.
 */
export interface ConnectFacts {
  readonly clientId: string;
  /** 'own': the device's unique secret, a live session or a service secret; 'factory-default': the vendor's shared device password. */
  readonly credential: 'own' | 'factory-default';
  /** 'device-id': the id is a device's and this is not that device; 'held': another principal holds it now. */
  readonly idConflict?: 'device-id' | 'held';
}

export type Resolution = { principal: BrokerPrincipal; facts: ConnectFacts } | Refusal;

/**
 * The password every doorbell of this vendor ships with, printed in the manual: what a
 * broker without per-device credentials accepts for any device id. Mirai's scanner carried
 * 62 such factory defaults, `admin`/`admin` among them (Antonakakis et al., "Understanding
 * the Mirai Botnet", USENIX Security 2017, table 5).
 */
export const FACTORY_DEFAULT_DEVICE_PASSWORD = 'admin';

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
  let credential: ConnectFacts['credential'] = 'own';
  const device = cloud.devices.get(username);
  if (device) {
    if (!cloud.devices.checkCredential(username, password)) {
      if (password !== FACTORY_DEFAULT_DEVICE_PASSWORD) return { reason: 'bad device credential', returnCode: 4 };
      credential = 'factory-default';
    }
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
  // Whose the client id is: aedes closes any holder of a reused id (MQTT-3.1.4-2), so
  // without the client-id-binding defence anyone could knock a device offline this way.
  let idConflict: ConnectFacts['idConflict'];
  if (cloud.devices.get(clientId) && !(principal.kind === 'device' && principal.deviceId === clientId)) idConflict = 'device-id';
  else {
    const holder = holderOf(clientId);
    if (holder && !samePrincipal(holder, principal)) idConflict = 'held';
  }
  return { principal, facts: idConflict ? { clientId, credential, idConflict } : { clientId, credential } };
}
