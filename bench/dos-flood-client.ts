import { connect as netConnect, type Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { connectAsync, type MqttClient } from 'mqtt';

/**
 * The flooder of the broker-dos-latency benchmark, a child process (fork, IPC) so its CPU is
 * not the broker's: one flood kind of the broker-dos scenario against 127.0.0.1 until the
 * parent closes the channel. Bounded as the scenario is: at most FLOOD_CAPS sockets.
 */
export type FloodKind = 'connections' | 'slow-connects' | 'publishes' | 'oversize';

export interface Flood {
  kind: FloodKind;
  port: number;
  /** The flooding customer's login (e-mail, live session token) and a topic of its own home. */
  owner: { email: string; token: string; topic: string };
}

/** The scenario's caps (scenarios/wire/broker-dos.ts, DOS_CAPS): never more sockets than this. */
export const FLOOD_CAPS = { connections: 1000, slowConnections: 1000 } as const;
export const FLOODING = 'flooding';

const MAX_LIFETIME_MS = 120_000;
/** The first bytes of a CONNECT, never finished (SlowITe). */
const HALF_CONNECT = Buffer.from([0x10, 0x1e, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04]);
const OVERSIZE = Buffer.alloc(1024 * 1024, 0x78);

let stopping = false;
const sockets = new Set<Socket>();
const clients = new Set<MqttClient>();

const login = (flood: Flood, clientId: string) =>
  connectAsync(`mqtt://127.0.0.1:${flood.port}`, { protocolVersion: 4, clientId, username: flood.owner.email, password: flood.owner.token, keepalive: 0, reconnectPeriod: 0, connectTimeout: 5_000 });

async function connections(flood: Flood, started: () => void): Promise<void> {
  for (let i = 0; !stopping; i++) {
    if (clients.size >= FLOOD_CAPS.connections) {
      started();
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    try {
      const client = await login(flood, `flood-${i}`);
      client.on('error', () => {});
      clients.add(client);
      client.once('close', () => clients.delete(client));
    } catch {
      // refused (connection-cap, connect-rate-limit): try again, as a flooder does
    }
    if (i === 10) started();
  }
}

async function slowConnects(flood: Flood, started: () => void): Promise<void> {
  while (!stopping) {
    while (sockets.size < FLOOD_CAPS.slowConnections && !stopping) {
      const socket = netConnect({ host: '127.0.0.1', port: flood.port });
      socket.on('error', () => {});
      socket.once('connect', () => socket.write(HALF_CONNECT));
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      if (sockets.size % 100 === 0) await new Promise((r) => setImmediate(r));
    }
    started();
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function publishes(flood: Flood, started: () => void): Promise<void> {
  for (let round = 0; !stopping; round++) {
    let client: MqttClient;
    try {
      client = await login(flood, `flood-pub-${round}`);
    } catch {
      // Refused (connect-rate-limit, connection-cap): the flood is on, it just gets nowhere.
      started();
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    client.on('error', () => {});
    started();
    while (!stopping && client.connected) {
      for (let i = 0; i < 100; i++) client.publish(flood.owner.topic, '{"flood":true}', { qos: 0 });
      await new Promise((r) => setImmediate(r));
    }
    client.end(true);
  }
}

async function oversize(flood: Flood, started: () => void): Promise<void> {
  for (let round = 0; !stopping; round++) {
    try {
      const client = await login(flood, `flood-big-${round}`);
      client.on('error', () => {});
      await Promise.race([client.publishAsync(flood.owner.topic, OVERSIZE, { qos: 1 }).catch(() => undefined), new Promise<void>((r) => client.once('close', () => r()))]);
      started();
      client.end(true);
    } catch {
      started();
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

const FLOODS: Record<FloodKind, (flood: Flood, started: () => void) => Promise<void>> = { connections, 'slow-connects': slowConnects, publishes, oversize };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flood = JSON.parse(process.argv[2]!) as Flood;
  let told = false;
  const started = () => {
    if (!told) (told = true), process.send?.(FLOODING);
  };
  const end = () => {
    stopping = true;
    for (const s of sockets) s.destroy();
    for (const c of clients) c.end(true);
    setTimeout(() => process.exit(0), 200).unref();
  };
  process.once('disconnect', end);
  setTimeout(end, MAX_LIFETIME_MS).unref();
  void FLOODS[flood.kind](flood, started);
}
