import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { STEP_MS, withTimeout } from './wait.js';

export interface Received {
  topic: string;
  payload: string;
}

/** What a test connects with; everything else is fixed for a well-behaved 3.1.1 client. */
export interface ConnectAs {
  clientId?: string;
  username?: string;
  password?: string;
  clean?: boolean;
  will?: { topic: string; payload: string; retain?: boolean };
}

/** A real mqtt.js client that records every message it receives, in order. */
export class TestClient {
  readonly received: Received[] = [];
  private waiters: Array<{ match: (m: Received) => boolean; resolve: () => void }> = [];
  private readonly closed: Promise<void>;

  constructor(readonly client: MqttClient, readonly name: string) {
    client.on('message', (topic, payload) => {
      const message = { topic, payload: payload.toString() };
      this.received.push(message);
      this.waiters = this.waiters.filter((w) => (w.match(message) ? (w.resolve(), false) : true));
    });
    this.closed = new Promise((resolve) => client.once('close', () => resolve()));
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** SUBACK return codes, one per filter: the granted QoS, or 128 (0x80) when refused. */
  async subscribe(filter: string | string[], qos: 0 | 1 = 0): Promise<number[]> {
    try {
      const granted = await withTimeout(this.client.subscribeAsync(filter, { qos }), STEP_MS, `SUBACK for ${filter}`);
      return granted.map((g) => g.qos);
    } catch (error) {
      // mqtt.js 5 rejects a SUBACK that carries 0x80, with the packet attached.
      const packet = (error as { packet?: { granted?: number[] } }).packet;
      if (packet?.granted) return packet.granted;
      throw error;
    }
  }

  publish(topic: string, payload: string, retain = false): void {
    this.client.publish(topic, payload, { qos: 0, retain });
  }

  /** QoS 1 publish; resolves on PUBACK. */
  async publishQos1(topic: string, payload: string): Promise<void> {
    await withTimeout(this.client.publishAsync(topic, payload, { qos: 1 }), STEP_MS, `PUBACK for ${topic}`);
  }

  /** Payloads received so far, in order. */
  payloads(): string[] {
    return this.received.map((m) => m.payload);
  }

  /** Resolves when a message with this topic and payload arrives (or already has). */
  waitFor(topic: string, payload: string, ms = STEP_MS): Promise<void> {
    const match = (m: Received) => m.topic === topic && m.payload === payload;
    if (this.received.some(match)) return Promise.resolve();
    const arrived = new Promise<void>((resolve) => this.waiters.push({ match, resolve }));
    return withTimeout(arrived, ms, `${this.name} to receive ${payload} on ${topic}`);
  }

  /** Resolves when the broker (or anyone) has closed this connection. */
  waitClosed(ms = STEP_MS): Promise<void> {
    return withTimeout(this.closed, ms, `${this.name} to be disconnected`);
  }

  async end(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/** The CONNACK failure of a refused CONNECT. */
export interface Refusal {
  code: number | undefined;
  message: string;
}

/** Default client ids are unique in the process: two pools must not take over each other's. */
let counter = 0;

/** Opens clients against one broker URL and closes all of them at the end of a test. */
export class ClientPool {
  private readonly clients: MqttClient[] = [];

  constructor(private readonly url: () => string) {}

  private options(as: ConnectAs): IClientOptions {
    const will = as.will ? { topic: as.will.topic, payload: Buffer.from(as.will.payload), qos: 0 as const, retain: as.will.retain ?? false } : undefined;
    return {
      protocolVersion: 4,
      reconnectPeriod: 0,
      keepalive: 0,
      connectTimeout: STEP_MS,
      clientId: as.clientId ?? `test-${++counter}`,
      username: as.username,
      password: as.password,
      clean: as.clean ?? true,
      will,
    };
  }

  async connect(as: ConnectAs, name = as.clientId ?? as.username ?? 'client'): Promise<TestClient> {
    const client = connect(this.url(), this.options(as));
    this.clients.push(client);
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('error', reject);
        client.once('close', () => reject(new Error(`${name}: connection closed before CONNACK`)));
      }),
      STEP_MS,
      `${name} to connect`,
    );
    return new TestClient(client, name);
  }

  /** Connects expecting a refusal; returns the CONNACK code. Fails if the broker accepts. */
  async refused(as: ConnectAs): Promise<Refusal> {
    const client = connect(this.url(), this.options(as));
    this.clients.push(client);
    return withTimeout(
      new Promise<Refusal>((resolve, reject) => {
        client.once('connect', () => reject(new Error(`CONNECT as ${as.username ?? 'anonymous'} (${as.clientId ?? 'no id'}) was accepted`)));
        client.once('error', (error: Error & { code?: number }) => resolve({ code: error.code, message: error.message }));
      }),
      STEP_MS,
      'a CONNACK refusal',
    );
  }

  async closeAll(): Promise<void> {
    const clients = this.clients.splice(0);
    await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
  }
}
