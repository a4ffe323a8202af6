import type { AedesPublishPacket, AuthenticateError, Client, PublishPacket, Subscription } from 'aedes';
import type { EventLog } from '../core/event-log.js';
import { attestCommand } from './command-attestation.js';
import { keepaliveOf } from './connect-checks.js';
import type { BrokerPolicy, ConnectAttempt } from './policy.js';
import type { TrafficMeter } from './memory-transport.js';
import { NO_DEDUPE } from './no-dedupe.js';
import { lowerToGrantedQos } from './granted-qos.js';
import { describePrincipal, type BrokerPrincipal } from './principal.js';
import type { ConnectionOrigin, Resolution } from './principal-resolver.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    'broker.connect-refused': { clientId: string; username: string; reason: string };
    'broker.publish-refused': { principal: string; topic: string; reason: string };
    'broker.subscribe-refused': { principal: string; filter: string; reason: string };
  }
}

/** What the hooks ask of the broker: who a CONNECT speaks for, and the policy checks. */
export interface HookHost {
  readonly meter: TrafficMeter;
  readonly log: EventLog;
  resolvePrincipal(clientId: string, username: string | undefined, password: string | undefined, origin: ConnectionOrigin, remoteAddress?: string, keepaliveS?: number): Resolution;
  /** A CONNECT was accepted on `conn` (the silence watch starts here, if a policy asks for one). */
  connectionAccepted(conn: Client['conn'], attempt: ConnectAttempt): void;
  /** How the connection behind an aedes client reached the broker (see SimBroker.handle). */
  originOf(stream: Client['conn']): ConnectionOrigin;
  /** The peer address of that connection, where known. */
  remoteAddressOf(stream: Client['conn']): string | undefined;
  checkPublishAs(principal: BrokerPrincipal, topic: string): string | undefined;
  checkSubscribeAs(principal: BrokerPrincipal, filter: string): string | undefined;
  forwardAllowed(principal: BrokerPrincipal, topic: string): boolean;
  /** Consulted after attestation, to seal relayed commands (BrokerPolicy.sealCommand). */
  readonly policies: readonly BrokerPolicy[];
}

/**
 * aedes' hooks for MQTT clients, one small method per decision (as aedes' own handlers are):
 * each asks the broker's checks — the same ones a direct link goes through — and remembers
 * which principal every authenticated client speaks for. Every call counts as broker
 * activity, so the runner waits for it before it moves the clock.
 */
export class AedesHooks {
  private readonly principals = new WeakMap<Client, BrokerPrincipal>();
  private host: HookHost | undefined;

  /** The broker exists only after aedes does; hooks run only after this is called. */
  attach(host: HookHost): void {
    this.host = host;
  }

  /** The principal an MQTT client authenticated as; the broker itself (client null) is a service. */
  principalOf(client: Client | null): BrokerPrincipal | undefined {
    return client ? this.principals.get(client) : { kind: 'service', name: 'internal' };
  }

  authenticate(client: Client, username: string | undefined, password: Buffer | undefined, done: (error: AuthenticateError | null, success: boolean | null) => void): void {
    const host = this.host!;
    host.meter.activity++;
    const remoteAddress = host.remoteAddressOf(client.conn);
    const keepaliveS = keepaliveOf(client);
    const resolution = host.resolvePrincipal(client.id, username, password?.toString(), host.originOf(client.conn), remoteAddress, keepaliveS);
    if ('reason' in resolution) {
      host.log.emit('broker.connect-refused', { clientId: client.id, username: username ?? '', reason: resolution.reason });
      const error = new Error(resolution.reason) as AuthenticateError;
      error.returnCode = resolution.returnCode;
      return done(error, false);
    }
    this.principals.set(client, resolution.principal);
    host.connectionAccepted(client.conn, { clientId: client.id, username, remoteAddress, keepaliveS });
    (client as unknown as { duplicates: object }).duplicates = NO_DEDUPE;
    done(null, true);
  }

  /**
   * Runs for every client PUBLISH and every will. Never throws: an exception here would be
   * uncaught inside aedes and end the process. A refused PUBLISH closes that client's
   * connection (aedes' answer to an authorisation error), a refused will is dropped.
   */
  authorizePublish(client: Client | null, packet: PublishPacket): Error | null {
    const host = this.host!;
    host.meter.activity++;
    const principal = this.principalOf(client);
    let reason: string | undefined;
    try {
      reason = principal ? host.checkPublishAs(principal, packet.topic) : 'unauthenticated client';
      if (!reason) {
        const attested = attestCommand(principal!, packet.topic, packet.payload, host.policies);
        if (attested === undefined) return null;
        if ('payload' in attested) {
          packet.payload = Buffer.from(attested.payload);
          return null;
        }
        reason = attested.refused;
      }
    } catch (error) {
      // Fail closed for this one message; the reason says it was our fault, not the client's.
      reason = `publish check failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    host.log.emit('broker.publish-refused', { principal: principal ? describePrincipal(principal) : 'unknown', topic: packet.topic, reason });
    return new Error(reason);
  }

  authorizeSubscribe(client: Client | null, sub: Subscription): Subscription | null {
    const host = this.host!;
    host.meter.activity++;
    const principal = this.principalOf(client);
    const reason = principal ? host.checkSubscribeAs(principal, sub.topic) : 'unauthenticated client';
    if (!reason) return sub;
    host.log.emit('broker.subscribe-refused', { principal: principal ? describePrincipal(principal) : 'unknown', filter: sub.topic, reason });
    return null; // aedes answers SUBACK 0x80 for this filter
  }

  /** Also where each copy gets its subscription's QoS, which aedes 1.2 misses for wildcards (granted-qos.ts). */
  authorizeForward(client: Client, packet: AedesPublishPacket): AedesPublishPacket | null {
    const host = this.host!;
    host.meter.activity++;
    const principal = this.principals.get(client);
    if (!principal || !host.forwardAllowed(principal, packet.topic)) return null;
    lowerToGrantedQos(client, packet);
    return packet;
  }
}
