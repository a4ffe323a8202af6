import { connect as netConnect, type Socket } from 'node:net';
import { STEP_MS, withTimeout } from './wait.js';

/**
 * Hand-built MQTT 3.1.1 bytes (OASIS mqtt-v3.1.1 §2–3), so hostile tests can send exactly
 * the malformed packets a real client library refuses to produce.
 */
export function varint(n: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0);
  return Buffer.from(bytes);
}

/** A UTF-8 string with its 2-byte length prefix. */
export function mqttString(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(body.length);
  return Buffer.concat([length, body]);
}

export function packet(firstByte: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([firstByte]), varint(body.length), body]);
}

export interface RawConnect {
  clientId: string;
  username?: string;
  password?: string;
  /** Protocol level byte: 4 is MQTT 3.1.1, 5 is MQTT 5 (which this broker does not speak). */
  level?: number;
}

export function connectPacket(c: RawConnect): Buffer {
  const level = c.level ?? 4;
  const flags = 0x02 | (c.username !== undefined ? 0x80 : 0) | (c.password !== undefined ? 0x40 : 0);
  const keepalive = Buffer.from([0, 0]);
  const properties = level === 5 ? varint(0) : Buffer.alloc(0); // MQTT 5 §3.1.2.11
  const payload = [mqttString(c.clientId)];
  if (c.username !== undefined) payload.push(mqttString(c.username));
  if (c.password !== undefined) payload.push(mqttString(c.password));
  return packet(0x10, Buffer.concat([mqttString('MQTT'), Buffer.from([level, flags]), keepalive, properties, ...payload]));
}

export function subscribePacket(messageId: number, filter: string): Buffer {
  const id = Buffer.alloc(2);
  id.writeUInt16BE(messageId);
  return packet(0x82, Buffer.concat([id, mqttString(filter), Buffer.from([0])]));
}

export function publishPacket(topic: string, payload: string): Buffer {
  return packet(0x30, Buffer.concat([mqttString(topic), Buffer.from(payload)]));
}

/** CONNACK with return code `rc` (§3.2). */
export const connack = (rc: number) => Buffer.from([0x20, 0x02, 0x00, rc]);

/** A plain TCP socket that records what the broker sends and when it hangs up. */
export class RawClient {
  private readonly chunks: Buffer[] = [];
  readonly closed: Promise<void>;
  private readonly connected: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    socket.on('error', () => {}); // resets are expected here
    this.connected = new Promise((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async open(port: number): Promise<RawClient> {
    const client = new RawClient(netConnect({ host: '127.0.0.1', port }));
    await withTimeout(client.connected, STEP_MS, 'a raw TCP connection');
    return client;
  }

  get isClosed(): boolean {
    return this.socket.destroyed || this.socket.readyState === 'closed';
  }

  /** Everything the broker sent so far. */
  get received(): Buffer {
    return Buffer.concat(this.chunks);
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Resolves once the broker has received and answered up to `bytes` of output. */
  async waitReceived(length: number, what: string): Promise<Buffer> {
    await withTimeout(
      (async () => {
        while (this.received.length < length && !this.isClosed) await new Promise((r) => setTimeout(r, 5));
      })(),
      STEP_MS,
      what,
    );
    return this.received;
  }

  waitClosed(what = 'the broker to close the connection'): Promise<void> {
    return withTimeout(this.closed, STEP_MS, what);
  }

  destroy(): void {
    this.socket.destroy();
  }
}
