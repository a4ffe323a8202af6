import { connect, type MqttClient } from 'mqtt';
import { ConnectRefusedError, type Link, type LinkCredentials, type MessageHandler } from '../link.js';

/** Every link's own barrier topic: the generated ACL grants it with `pattern readwrite sim/barrier/%u`. */
export const BARRIER_PREFIX = 'sim/barrier/';

/**
 * A barrier that does not come back within this many wall-clock milliseconds means the broker
 * will never deliver it (no ACL grant, a broker that stopped): the run fails instead of hanging.
 * Only a failure guard; the simulation's clock never reads it.
 */
export const BARRIER_TIMEOUT_MS = 10_000;

/** What a link asks of the external broker: its operations queued in one world-wide order. */
export interface ExternalOps {
  publish(link: ExternalLink, topic: string, payload: string, retain: boolean): void;
  subscribe(link: ExternalLink, filter: string): Promise<boolean>;
  unsubscribe(link: ExternalLink, filter: string): Promise<void>;
  close(link: ExternalLink): Promise<void>;
}

/**
 * An actor's link to an external MQTT 3.1.1 broker over TCP (mqtt.js). Nothing it receives
 * reaches a handler when it arrives: messages wait in `inbox` until the external broker's
 * settle releases them, all links in creation order, so handlers run in the same order
 * however the packets were timed (external-broker.ts). `connected` is the world's view,
 * also updated only at a release.
 */
export class ExternalLink implements Link {
  readonly inbox: Array<{ topic: string; payload: string }> = [];
  /** The broker closed the connection (not close()): handed to onClose handlers at the next release. */
  droppedByBroker = false;
  open = false;
  private readonly handlers: MessageHandler[] = [];
  private readonly closeHandlers: Array<() => void> = [];
  private client: MqttClient | undefined;
  private closedByUs = false;
  private barrierSeq = 0;
  private waitingBarrier: { token: string; resolve: () => void } | undefined;
  private readonly barrierTopic: string;

  constructor(
    private readonly ops: ExternalOps,
    readonly order: number,
    readonly clientId: string,
    username: string,
  ) {
    this.barrierTopic = `${BARRIER_PREFIX}${username}`;
  }

  get connected(): boolean {
    return this.open;
  }

  publish(topic: string, payload: string, options: { retain?: boolean } = {}): boolean {
    if (!this.open) return false;
    this.ops.publish(this, topic, payload, options.retain ?? false);
    return true;
  }

  subscribe(filter: string): Promise<boolean> {
    return this.open ? this.ops.subscribe(this, filter) : Promise.resolve(false);
  }

  unsubscribe(filter: string): Promise<void> {
    return this.open ? this.ops.unsubscribe(this, filter) : Promise.resolve();
  }

  onMessage(handler: MessageHandler): void {
    this.handlers.push(handler);
  }

  onClose(handler: () => void): void {
    this.closeHandlers.push(handler);
  }

  close(): Promise<void> {
    return this.open ? this.ops.close(this) : Promise.resolve();
  }

  // ---- called by the external broker only, while it settles -----------------------------

  /** CONNECT, CONNACK, then the barrier subscription; a refusal is a ConnectRefusedError. */
  async connectNow(url: string, credentials: LinkCredentials, password: string): Promise<ConnectRefusedError | undefined> {
    const will = credentials.will;
    const client = connect(url, {
      protocolVersion: 4,
      clientId: credentials.clientId,
      username: credentials.username,
      password,
      will: will ? { topic: will.topic, payload: Buffer.from(will.payload), qos: 0, retain: will.retain } : undefined,
      clean: true,
      keepalive: 0, // the world's clock is virtual: no wall-clock keep-alive pings
      reconnectPeriod: 0,
      connectTimeout: BARRIER_TIMEOUT_MS,
    });
    const refused = await new Promise<ConnectRefusedError | undefined>((resolve, reject) => {
      client.once('connect', () => resolve(undefined));
      client.once('error', (error: Error & { code?: number | string }) => {
        client.end(true);
        if (typeof error.code === 'number') resolve(new ConnectRefusedError(error.message, error.code));
        else reject(new Error(`external broker ${url}: ${error.message}`));
      });
      client.once('close', () => resolve(new ConnectRefusedError('connection closed before CONNACK', 5)));
    });
    if (refused) return refused;
    this.client = client;
    // Later socket errors end in 'close' (handled below); an unhandled 'error' would throw.
    client.on('error', () => {});
    client.on('message', (topic, payload) => this.receive(topic, payload.toString()));
    client.once('close', () => {
      this.waitingBarrier?.resolve();
      if (!this.closedByUs) this.droppedByBroker = true;
    });
    await client.subscribeAsync(this.barrierTopic, { qos: 0 });
    return undefined;
  }

  send(topic: string, payload: string, retain: boolean): void {
    if (this.client?.connected) this.client.publish(topic, payload, { qos: 0, retain });
  }

  async sendSubscribe(filter: string): Promise<boolean> {
    if (!this.client?.connected) return false;
    try {
      const granted = await this.client.subscribeAsync(filter, { qos: 0 });
      return granted.length > 0 && granted.every((g) => g.qos !== 128);
    } catch {
      return false; // mqtt.js 5 rejects a SUBACK failure (0x80)
    }
  }

  async sendUnsubscribe(filter: string): Promise<void> {
    if (this.client?.connected) await this.client.unsubscribeAsync(filter);
  }

  async end(): Promise<void> {
    this.closedByUs = true;
    await this.client?.endAsync(false);
  }

  /**
   * Publishes a token to the link's own barrier topic and waits for it to come back. The
   * broker handles one connection's packets in order and queues deliveries to one subscriber
   * in order, so once it is back, everything this link sent before has been routed and
   * everything routed to it before has arrived.
   */
  async barrier(): Promise<void> {
    const client = this.client;
    if (!client?.connected) return;
    const token = `${this.order}.${++this.barrierSeq}`;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve, reject) => {
      this.waitingBarrier = { token, resolve };
      timer = setTimeout(
        () => reject(new Error(`external broker: the barrier on ${this.barrierTopic} did not come back within ${BARRIER_TIMEOUT_MS} ms; the broker must let each user read and write ${BARRIER_PREFIX}<user name> (mosquitto-config's ACL has "pattern readwrite ${BARRIER_PREFIX}%u")`)),
        BARRIER_TIMEOUT_MS,
      );
      client.publish(this.barrierTopic, token, { qos: 0 });
    }).finally(() => {
      clearTimeout(timer);
      this.waitingBarrier = undefined;
    });
  }

  private receive(topic: string, payload: string): void {
    if (topic === this.barrierTopic) {
      // Another link with the same user name shares the topic: only our own token counts.
      if (this.waitingBarrier?.token === payload) this.waitingBarrier.resolve();
      return;
    }
    this.inbox.push({ topic, payload });
  }

  /** Hands the held messages to the handlers, then a broker-side close to the close handlers. */
  release(): void {
    const messages = this.inbox.splice(0);
    for (const { topic, payload } of messages) {
      if (!this.open) break;
      for (const handler of this.handlers) handler(topic, payload);
    }
    if (this.droppedByBroker && this.open) {
      this.open = false;
      for (const handler of this.closeHandlers) handler();
    }
  }

  get hasHeldWork(): boolean {
    return this.inbox.length > 0 || (this.droppedByBroker && this.open);
  }

  /** True once the socket is gone, whoever closed it. */
  get socketClosed(): boolean {
    return !this.client?.connected;
  }
}
