import type { Aedes, AedesPublishPacket } from 'aedes';
import type { RouteHandler } from './direct-router.js';
import type { Link, LinkCredentials, MessageHandler } from './link.js';
import type { MessagePath } from './message-path.js';
import type { BrokerPrincipal } from './principal.js';

/** What a DirectLink needs from the broker: the same checks the MQTT hooks apply. */
export interface DirectLinkHost {
  readonly aedes: Aedes;
  checkPublishAs(principal: BrokerPrincipal, topic: string): string | undefined;
  checkSubscribeAs(principal: BrokerPrincipal, filter: string): string | undefined;
  /** Logs a refused subscription as the MQTT path's hook does, so both paths log the same events. */
  logSubscribeRefused(principal: BrokerPrincipal, filter: string, reason: string): void;
  forwardAllowed(principal: BrokerPrincipal, topic: string): boolean;
  publishAs(principal: BrokerPrincipal, topic: string, payload: string, options?: { retain?: boolean }): boolean;
  /** The fast path's routes (see message-path.ts and direct-router.ts). */
  readonly messages: Pick<MessagePath, 'addRoute' | 'removeRoute'>;
  releaseClientId(clientId: string, link: DirectLink): void;
  /** Retained messages for a filter synchronously, or undefined (then the stream lookup is used). */
  retainedFor(filter: string): Array<{ topic: string; payload: Buffer }> | undefined;
  /** Counts `work` as in-flight broker traffic until it settles (the clock waits for it). */
  track<T>(work: Promise<T>): Promise<T>;
}

interface RetainedSource {
  createRetainedStreamCombi(filters: string[]): AsyncIterable<AedesPublishPacket>;
}

/**
 * The fast path: an actor's link that never encodes a packet. Publishes go through the same
 * policies as the MQTT hooks; subscriptions are routes on the broker's DirectRouter that
 * apply the same forward check and receive retained messages on subscribe, as an MQTT
 * client would.
 */
export class DirectLink implements Link {
  readonly clientId: string;
  private readonly handlers: MessageHandler[] = [];
  private readonly closeHandlers: Array<() => void> = [];
  private readonly subscriptions = new Map<string, RouteHandler>();
  private open = true;

  constructor(private readonly host: DirectLinkHost, readonly principal: BrokerPrincipal, private readonly credentials: LinkCredentials) {
    this.clientId = credentials.clientId;
  }

  get connected(): boolean {
    return this.open;
  }

  publish(topic: string, payload: string, options: { retain?: boolean } = {}): boolean {
    if (!this.open) return false;
    if (this.host.publishAs(this.principal, topic, payload, options)) return true;
    // As over MQTT: aedes closes a client whose publish is refused (MQTT 3.1.1 has no
    // negative PUBACK for QoS 0), and its last will goes out.
    void this.drop();
    return false;
  }

  async subscribe(filter: string): Promise<boolean> {
    if (!this.open) return false;
    const refused = this.host.checkSubscribeAs(this.principal, filter);
    if (refused) {
      this.host.logSubscribeRefused(this.principal, filter, refused);
      return false;
    }
    if (this.subscriptions.has(filter)) return true;
    const deliver: RouteHandler = (topic, payload) => {
      if (this.open && this.host.forwardAllowed(this.principal, topic)) this.dispatch(topic, payload);
    };
    this.subscriptions.set(filter, deliver);
    await this.host.track(this.addListener(filter, deliver));
    return true;
  }

  private async addListener(filter: string, deliver: RouteHandler): Promise<void> {
    this.host.messages.addRoute(filter, deliver);
    const retained = this.host.retainedFor(filter);
    if (retained) {
      for (const packet of retained) {
        if (this.open && this.host.forwardAllowed(this.principal, packet.topic)) this.dispatch(packet.topic, packet.payload);
      }
      return;
    }
    // aedes' typings omit `persistence`; the retained store is what SUBSCRIBE replays from.
    const persistence = (this.host.aedes as unknown as { persistence: RetainedSource }).persistence;
    for await (const packet of persistence.createRetainedStreamCombi([filter])) {
      if (this.open && this.host.forwardAllowed(this.principal, packet.topic)) this.dispatch(packet.topic, packet.payload);
    }
  }

  async unsubscribe(filter: string): Promise<void> {
    const deliver = this.subscriptions.get(filter);
    if (!deliver) return;
    this.subscriptions.delete(filter);
    this.host.messages.removeRoute(filter, deliver);
  }

  onMessage(handler: MessageHandler): void {
    this.handlers.push(handler);
  }

  onClose(handler: () => void): void {
    this.closeHandlers.push(handler);
  }

  async close(): Promise<void> {
    await this.shutdown(false);
  }

  /** The broker dropped this link (revocation, id takeover): the last will goes out. */
  async drop(): Promise<void> {
    await this.shutdown(true);
  }

  private async shutdown(sendWill: boolean): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.host.releaseClientId(this.clientId, this);
    for (const [filter, deliver] of this.subscriptions) this.host.messages.removeRoute(filter, deliver);
    this.subscriptions.clear();
    const will = this.credentials.will;
    if (sendWill && will) this.host.publishAs(this.principal, will.topic, will.payload, { retain: will.retain });
    if (sendWill) for (const handler of this.closeHandlers) handler();
  }

  private dispatch(topic: string, payload: Buffer | string): void {
    const text = typeof payload === 'string' ? payload : payload.toString();
    for (const handler of this.handlers) handler(topic, text);
  }
}
