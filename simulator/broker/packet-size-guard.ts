import { Duplex } from 'node:stream';

/**
 * Packet-size limits enforced in front of aedes, which has none: its parser (mqtt-packet)
 * buffers a packet until all of the remaining length it announces has arrived, so one
 * connection could make the broker hold hundreds of MB. Sizes count the whole packet (fixed
 * header included), as Mosquitto's `max_packet_size` does.
 */
export interface PacketSizeLimits {
  /** Largest first packet (the CONNECT), read before the client has authenticated. */
  maxConnectBytes: number;
  /** Largest packet after the first. */
  maxPacketBytes: number;
}

export type PacketRefusal = 'connect-too-large' | 'packet-too-large' | 'malformed-length';

/** MQTT 3.1.1 §2.2.3: at most four remaining-length bytes (a value below 2^28). */
const MAX_LENGTH_BYTES = 4;

/**
 * Follows MQTT fixed headers through a byte stream without parsing packets: for each packet
 * it reads the type byte and the remaining-length varint (either may be split across chunks),
 * then skips that many body bytes. O(packets) per chunk; the body is never copied.
 */
export class PacketSizeScanner {
  private phase: 'type' | 'length' | 'body' = 'type';
  private length = 0;
  private lengthBytes = 0;
  private multiplier = 1;
  private bodyLeft = 0;
  /** Packets whose last byte has arrived. */
  completed = 0;

  constructor(private readonly limits: PacketSizeLimits) {}

  /** Scans one chunk; a refusal means the stream must be dropped (nothing more is scanned). */
  scan(chunk: Uint8Array): PacketRefusal | undefined {
    let at = 0;
    while (at < chunk.length) {
      if (this.phase === 'body') {
        const take = Math.min(this.bodyLeft, chunk.length - at);
        at += take;
        this.bodyLeft -= take;
        if (this.bodyLeft === 0) this.finishPacket();
      } else if (this.phase === 'type') {
        at++;
        this.phase = 'length';
      } else {
        const byte = chunk[at++]!;
        this.length += (byte & 0x7f) * this.multiplier;
        this.multiplier *= 128;
        if (++this.lengthBytes > MAX_LENGTH_BYTES) return 'malformed-length';
        if (byte & 0x80) continue;
        const refusal = this.checkSize(1 + this.lengthBytes + this.length);
        if (refusal) return refusal;
        this.bodyLeft = this.length;
        this.phase = 'body';
        if (this.bodyLeft === 0) this.finishPacket();
      }
    }
    return undefined;
  }

  private checkSize(packetBytes: number): PacketRefusal | undefined {
    if (this.completed === 0) return packetBytes > this.limits.maxConnectBytes ? 'connect-too-large' : undefined;
    return packetBytes > this.limits.maxPacketBytes ? 'packet-too-large' : undefined;
  }

  private finishPacket(): void {
    this.completed++;
    this.phase = 'type';
    this.length = 0;
    this.lengthBytes = 0;
    this.multiplier = 1;
  }
}

export interface GuardOptions extends PacketSizeLimits {
  /** Drop the connection unless its whole first packet arrived within this long (0: no limit). */
  connectTimeoutMs: number;
  /** Told once, when the guard drops the connection and why. */
  onRefused(refusal: PacketRefusal | 'connect-timeout'): void;
  /**
   * Arms the connect timer and returns its cancel. Default: a wall-clock setTimeout (live
   * sockets); a simulated world passes its scheduler, so a timeout is virtual time and replays.
   */
  startTimer?(delayMs: number, fire: () => void): () => void;
  /** Told of every chunk that passed the checks (max-keepalive's silence watch). */
  onData?(): void;
}

function wallClockTimer(delayMs: number, fire: () => void): () => void {
  const timer = setTimeout(fire, delayMs);
  timer.unref();
  return () => clearTimeout(timer);
}

/**
 * `inner` (a socket, or the stream over a WebSocket) as seen through a PacketSizeScanner:
 * bytes pass on to the reader (aedes) only after their packet header was checked, and the
 * connection is destroyed the moment a header announces too much, so the body is never
 * buffered. Writes go straight to `inner`. One MQTT packet may span many WebSocket frames,
 * which is why the guard reads the reassembled stream, not the frames.
 */
export class PacketSizeGuard extends Duplex {
  private readonly scanner: PacketSizeScanner;
  private cancelConnectTimer: (() => void) | undefined;

  constructor(private readonly inner: Duplex, private readonly options: GuardOptions) {
    super({ allowHalfOpen: false });
    this.scanner = new PacketSizeScanner(options);
    if (options.connectTimeoutMs > 0) this.cancelConnectTimer = (options.startTimer ?? wallClockTimer)(options.connectTimeoutMs, () => this.refuse('connect-timeout'));
    inner.on('data', (chunk: Buffer) => this.onData(chunk));
    inner.once('end', () => this.push(null));
    inner.once('close', () => this.destroy());
    inner.on('error', (error: Error) => this.destroy(error));
  }

  private onData(chunk: Buffer): void {
    if (this.destroyed) return;
    const refusal = this.scanner.scan(chunk);
    if (refusal) return this.refuse(refusal);
    if (this.cancelConnectTimer && this.scanner.completed > 0) this.clearConnectTimer();
    this.options.onData?.();
    if (!this.push(chunk)) this.inner.pause();
  }

  private refuse(refusal: PacketRefusal | 'connect-timeout'): void {
    if (this.destroyed) return;
    this.options.onRefused(refusal);
    this.destroy();
  }

  private clearConnectTimer(): void {
    this.cancelConnectTimer?.();
    this.cancelConnectTimer = undefined;
  }

  override _read(): void {
    this.inner.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // Keep the inner stream's own buffering and back-pressure (aedes' drainTimeout relies on it).
    if (this.inner.write(chunk)) callback();
    else this.inner.once('drain', () => callback());
  }

  /**
   * mqtt-packet corks the stream while it writes one packet's parts and uncorks on the next
   * tick; without this, the guard would pass each part on as its own write, and a CONNACK
   * would leave in pieces (nmap's mqtt-subscribe reads it in one recv and gives up). A corked
   * batch goes on as one write, as it would on the bare socket.
   */
  override _writev(chunks: Array<{ chunk: Buffer; encoding: BufferEncoding }>, callback: (error?: Error | null) => void): void {
    const batch = chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk));
    this._write(batch, chunks[0]!.encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.inner.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearConnectTimer();
    this.inner.destroy();
    callback(error);
  }
}
