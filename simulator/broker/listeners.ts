import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer, type WebSocket } from 'ws';
import { PacketSizeGuard, type PacketRefusal } from './packet-size-guard.js';
import type { SimBroker } from './sim-broker.js';

export interface ListenerOptions {
  /**
   * Interface to bind. Default 127.0.0.1 (DESIGN.md, "Safe"): anything else must be passed
   * explicitly by the caller, e.g. from a CLI flag the user typed.
   */
  host?: string;
  /** MQTT over TCP. 0 (the default) picks a free port; the chosen one is reported. */
  tcpPort?: number;
  /** MQTT over WebSocket at ws://host:wsPort/mqtt. 0 (the default) picks a free port. */
  wsPort?: number;
  /** Pending-connection queue of both listeners. Node's 511 slows mass connects (DESIGN.md). */
  backlog?: number;
  /**
   * Largest WebSocket message accepted; bigger ones close that connection with 1009 (ws'
   * default is 100 MiB). A second bound behind maxPacketBytes: ws buffers a whole message
   * before the packet-size guard sees it, so this caps what one frame can make it hold.
   */
  wsMaxPayload?: number;
  /**
   * Largest MQTT packet (fixed header included) a connection on either listener may send
   * once past its CONNECT; a bigger one drops that connection as soon as its header
   * announces the size, before the body is buffered (see packet-size-guard.ts). Default
   * DEFAULT_MAX_PACKET_BYTES.
   */
  maxPacketBytes?: number;
  /** Largest first packet (the CONNECT, read before authentication). Default DEFAULT_MAX_CONNECT_BYTES. */
  maxConnectBytes?: number;
  /** A connection whose whole CONNECT has not arrived within this long is dropped (0: never). Default 10 s. */
  connectTimeoutMs?: number;
  /**
   * A connection to the WebSocket port that has sent no complete HTTP request (upgrade or
   * plain) within this long is dropped (0: never). Default 10 s.
   */
  wsHandshakeTimeoutMs?: number;
}

/** Why a listener dropped a connection before aedes saw the offending bytes. */
export type ListenerRefusal = PacketRefusal | 'connect-timeout' | 'handshake-timeout';

export interface Listeners {
  readonly host: string;
  readonly tcpPort: number;
  readonly wsPort: number;
  /** Open TCP connections on both listeners (WebSocket ones counted by their socket). */
  readonly connections: number;
  /**
   * Connections dropped by the listeners' own bounds, by reason. A counter, not event-log
   * entries: live sockets are outside the seeded run's determinism.
   */
  readonly refusals: Readonly<Record<ListenerRefusal, number>>;
  /** Stops accepting, destroys every open connection and resolves once both servers closed. */
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_BACKLOG = 8192;
export const DEFAULT_WS_MAX_PAYLOAD = 1024 * 1024;
/**
 * Mosquitto's `max_packet_size` (mosquitto.conf(5)) is the model: a bound on the whole
 * packet, the client disconnected when it is passed (Mosquitto's default is no limit).
 * 256 KiB is the per-message cap of Azure IoT Hub device messages (AWS IoT Core: 128 KB)
 * and hundreds of times the largest message this simulator's actors send (a 500-character
 * talk command). Without a bound, one owner's 32–200 MB command stalled every other client
 * for seconds (issue 12); see docs/defenses.md, "Limits on the wire", for measurements.
 */
export const DEFAULT_MAX_PACKET_BYTES = 256 * 1024;
/**
 * RabbitMQ's MQTT plugin caps packets before authentication at 65,536 bytes
 * (`mqtt.max_packet_size_unauthenticated`): a 3.1.1 CONNECT is client id, username,
 * password and will, each field at most 65,535 bytes by its length prefix; anyone can send
 * one, so it gets the tighter bound.
 */
export const DEFAULT_MAX_CONNECT_BYTES = 64 * 1024;
/** aedes' own connectTimeout is 30 s; a CONNECT is one round trip, 10 s is ample on loopback. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Same bound for the HTTP upgrade request that opens a WebSocket. */
export const DEFAULT_WS_HANDSHAKE_TIMEOUT_MS = 10_000;
export const WS_PATH = '/mqtt';

const ignore = () => {};

/** The MQTT WebSocket subprotocol ('mqtt' for 3.1.1, 'mqttv3.1' for 3.1). */
function chooseProtocol(offered: Set<string>): string | false {
  if (offered.has('mqtt')) return 'mqtt';
  if (offered.has('mqttv3.1')) return 'mqttv3.1';
  return false;
}

/** Resolves once `server` listens; rejects on a bind error (port in use, bad host). */
function listen(server: NetServer | HttpServer, host: string, port: number, backlog: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ host, port, backlog }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: NetServer | HttpServer): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}

function checkLimit(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name}: expected an integer >= ${min}, got ${value}`);
  return value;
}

/** Live sockets, each with a promise of its 'close', so close() can destroy and await them. */
type SocketTable = Map<Socket, Promise<void>>;

function track(sockets: SocketTable, socket: Socket): void {
  sockets.set(socket, new Promise((resolve) => socket.once('close', () => (sockets.delete(socket), resolve()))));
  // A reset or a write after the peer vanished must never become an uncaught 'error'.
  socket.on('error', ignore);
}

/**
 * Live listeners for a SimBroker: MQTT over TCP and over WebSocket (path /mqtt, subprotocol
 * 'mqtt'), both handed to `broker.handle()` so every connection meets the same hooks as an
 * in-memory link. Hostile input ends that connection only; it never throws in the process.
 */
export async function startListeners(broker: SimBroker, options: ListenerOptions = {}): Promise<Listeners> {
  const host = options.host ?? DEFAULT_HOST;
  const backlog = options.backlog ?? DEFAULT_BACKLOG;
  const sockets: SocketTable = new Map();
  const refusals: Record<ListenerRefusal, number> = { 'connect-too-large': 0, 'packet-too-large': 0, 'malformed-length': 0, 'connect-timeout': 0, 'handshake-timeout': 0 };
  // The smallest packet is 2 bytes (PINGREQ); the smallest CONNECT a 3.1.1 client can send is 14.
  // Unless the caller says otherwise, the installed max-packet-size and connect-timeout
  // defences set the bounds; a live listener keeps today's bound when they are off.
  const installed = broker.streamLimits() ?? {};
  const limits = {
    maxPacketBytes: checkLimit('maxPacketBytes', options.maxPacketBytes ?? installed.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES, 2),
    maxConnectBytes: checkLimit('maxConnectBytes', options.maxConnectBytes ?? installed.maxConnectBytes ?? DEFAULT_MAX_CONNECT_BYTES, 14),
    connectTimeoutMs: checkLimit('connectTimeoutMs', options.connectTimeoutMs ?? installed.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, 0),
    onRefused: (refusal: ListenerRefusal) => refusals[refusal]++,
  };
  const handshakeTimeoutMs = checkLimit('wsHandshakeTimeoutMs', options.wsHandshakeTimeoutMs ?? DEFAULT_WS_HANDSHAKE_TIMEOUT_MS, 0);
  /** Every connection reaches aedes through a guard of its own (packet-size-guard.ts). */
  const guarded = (stream: Duplex): Duplex => new PacketSizeGuard(stream, limits).on('error', ignore);

  const tcp = createNetServer({ noDelay: true }, (raw) => {
    track(sockets, raw);
    const socket = guarded(raw);
    broker.handle(socket, 'tcp', raw.remoteAddress);
  });
  tcp.on('error', ignore); // after listen(): accept errors (EMFILE) must not crash the process

  const http = createHttpServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' });
    res.end(`MQTT over WebSocket: connect to ${WS_PATH} with subprotocol "mqtt"\n`);
  });
  // A socket that never completes an HTTP request would otherwise stay open: Node's
  // headersTimeout only runs once a request has begun.
  const handshakeTimers = new WeakMap<Duplex, NodeJS.Timeout>();
  const handshakeDone = (socket: Duplex) => clearTimeout(handshakeTimers.get(socket));
  http.on('connection', (socket: Socket) => {
    track(sockets, socket);
    if (handshakeTimeoutMs === 0) return;
    const timer = setTimeout(() => {
      refusals['handshake-timeout']++;
      socket.destroy();
    }, handshakeTimeoutMs).unref();
    handshakeTimers.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  http.on('upgrade', (_req: IncomingMessage, socket: Duplex) => handshakeDone(socket));
  http.on('request', (req: IncomingMessage) => handshakeDone(req.socket));
  http.on('error', ignore);

  const wss = new WebSocketServer({
    server: http,
    path: WS_PATH,
    handleProtocols: chooseProtocol,
    maxPayload: options.wsMaxPayload ?? DEFAULT_WS_MAX_PAYLOAD,
    clientTracking: true,
  });
  wss.on('error', ignore);
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    ws.on('error', ignore);
    // After createWebSocketStream: one MQTT packet may span several WebSocket frames.
    const stream = guarded(createWebSocketStream(ws).on('error', ignore));
    broker.handle(stream, 'ws', req.socket.remoteAddress);
  });

  let tcpPort: number;
  let wsPort: number;
  try {
    tcpPort = await listen(tcp, host, options.tcpPort ?? 0, backlog);
    wsPort = await listen(http, host, options.wsPort ?? 0, backlog);
  } catch (error) {
    await Promise.all([closeServer(tcp), closeServer(http)]);
    throw error;
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const stopped = Promise.all([closeServer(tcp), closeServer(http)]);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      const gone = [...sockets.values()];
      for (const socket of sockets.keys()) socket.destroy();
      await Promise.all([stopped, ...gone]);
    })());

  return {
    host,
    tcpPort,
    wsPort,
    get connections() {
      return sockets.size;
    },
    refusals,
    close,
  };
}
