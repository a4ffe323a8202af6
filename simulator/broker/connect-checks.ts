import type { AuthenticateError, Client, ConnectPacket } from 'aedes';
import type { EventLog } from '../core/event-log.js';

/**
 * MQTT-3.1.3-8: a CONNECT with a zero-length client id and CleanSession 0 must get CONNACK
 * 0x02 (identifier rejected), then the connection closed: there is no session to resume
 * under an id the server invents. aedes 1.2 accepts it under `aedes_<uuid>`
 * (lib/handlers/connect.js, init); fixed upstream by moscajs/aedes#1097 (issue #1095), after
 * the 1.2.0 we pin. With CleanSession 1 an empty id stays accepted (MQTT-3.1.3-6).
 *
 * Two aedes hooks are needed: preConnect sees the CONNECT but a refusal there closes the
 * socket with no CONNACK at all; authenticate answers with our return code but no longer
 * sees the packet (the id is already assigned). So preConnect notes the client, and
 * authenticate refuses it before any credential is looked at.
 */
const emptyIdWithSession = new WeakSet<Client>();
/** The keepalive each CONNECT declared (s), for max-keepalive: aedes keeps it only in its own timer. */
const declaredKeepalive = new WeakMap<Client, number>();

/** The keepalive `client`'s CONNECT declared, s; undefined if preConnect never saw it. */
export function keepaliveOf(client: Client): number | undefined {
  return declaredKeepalive.get(client);
}

/** preConnect: remembers what authenticate cannot see. Never refuses by itself. */
export function noteConnectPacket(client: Client, packet: ConnectPacket): void {
  declaredKeepalive.set(client, packet.keepalive ?? 0);
  // MQTT 5 assigns an id even for a session (Assigned Client Identifier); aedes 1.2 speaks 3.1/3.1.1.
  if ((packet.protocolVersion ?? 4) < 5 && !packet.clientId && packet.clean === false) emptyIdWithSession.add(client);
}

/**
 * authenticate, first: true when this CONNECT is refused here (CONNACK 0x02 sent by aedes,
 * the refusal logged), false when the normal authentication should go on.
 */
export function refusedByConnectChecks(
  client: Client,
  username: string | undefined,
  log: EventLog,
  done: (error: AuthenticateError | null, success: boolean | null) => void,
): boolean {
  if (!emptyIdWithSession.has(client)) return false;
  const reason = 'zero-length client id without a clean session (MQTT-3.1.3-8)';
  log.emit('broker.connect-refused', { clientId: '', username: username ?? '', reason });
  const error = new Error(reason) as AuthenticateError;
  error.returnCode = 2;
  done(error, false);
  return true;
}
