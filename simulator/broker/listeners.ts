import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { createWebSocketStream, WebSocketServer, type WebSocket } from 'ws';
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
  /** Largest WebSocket message accepted; bigger frames close that connection (ws' default is 100 MiB). */
  wsMaxPayload?: number;
}

export interface Listeners {
  readonly host: string;
  readonly tcpPort: number;
  readonly wsPort: number;
  /** Open TCP connections on both listeners (WebSocket ones counted by their socket). */
  readonly connections: number;
  /** Stops accepting, destroys every open connection and resolves once both servers closed. */
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_BACKLOG = 8192;
export const DEFAULT_WS_MAX_PAYLOAD = 1024 * 1024;
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

  const tcp = createNetServer({ noDelay: true }, (socket) => {
    track(sockets, socket);
    broker.handle(socket);
  });
  tcp.on('error', ignore); // after listen(): accept errors (EMFILE) must not crash the process

  const http = createHttpServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' });
    res.end(`MQTT over WebSocket: connect to ${WS_PATH} with subprotocol "mqtt"\n`);
  });
  http.on('connection', (socket: Socket) => track(sockets, socket));
  http.on('error', ignore);

  const wss = new WebSocketServer({
    server: http,
    path: WS_PATH,
    handleProtocols: chooseProtocol,
    maxPayload: options.wsMaxPayload ?? DEFAULT_WS_MAX_PAYLOAD,
    clientTracking: true,
  });
  wss.on('error', ignore);
  wss.on('connection', (ws: WebSocket, _req: IncomingMessage) => {
    ws.on('error', ignore);
    const stream = createWebSocketStream(ws);
    stream.on('error', ignore);
    broker.handle(stream);
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
    close,
  };
}
