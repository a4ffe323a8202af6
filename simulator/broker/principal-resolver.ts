import type { Cloud } from '../cloud/cloud.js';
import { samePrincipal, type BrokerPrincipal } from './principal.js';

export type Resolution = { principal: BrokerPrincipal } | { reason: string; returnCode: 2 | 4 | 5 };

/**
 * Decides who a CONNECT speaks for. Devices: username = device id, password = the device's
 * own credential. Owners: username = e-mail, password = a live session token. Services:
 * username = service:{name}, password = its secret. Nothing else, never anonymous.
 * `holderOf` names whoever holds a client id now (MQTT client or direct link).
 */
export function resolvePrincipal(
  cloud: Cloud,
  serviceSecret: (name: string) => string | undefined,
  holderOf: (clientId: string) => BrokerPrincipal | undefined,
  clientId: string,
  username: string | undefined,
  password: string | undefined,
): Resolution {
  if (!username || !password) return { reason: 'anonymous connections are refused', returnCode: 4 };
  let principal: BrokerPrincipal;
  const device = cloud.devices.get(username);
  if (device) {
    if (!cloud.devices.checkCredential(username, password)) return { reason: 'bad device credential', returnCode: 4 };
    principal = { kind: 'device', deviceId: device.deviceId, homeId: device.homeId };
  } else if (username.startsWith('service:')) {
    const name = username.slice('service:'.length);
    if (serviceSecret(name) !== password) return { reason: 'bad service credential', returnCode: 4 };
    principal = { kind: 'service', name };
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
