import { connect as netConnect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { startListeners } from '../../simulator/broker/listeners.js';
import { startLiveWorld, type LiveWorld } from './helpers/live-world.js';
import { ClientPool } from './helpers/mqtt-clients.js';
import { RawClient } from './helpers/raw-mqtt.js';
import { RawWebSocket } from './helpers/raw-websocket.js';
import { TCP, WS } from './helpers/transports.js';
import { until, withTimeout } from './helpers/wait.js';

/** Resolves with the error code of a TCP connect attempt, or 'connected'. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = netConnect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve('connected')));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('startListeners', () => {
  let live: LiveWorld | undefined;
  afterEach(async () => {
    await live?.close();
    live = undefined;
  });

  it('binds 127.0.0.1 on two distinct free ports by default, unreachable from other interfaces', async () => {
    live = await startLiveWorld();
    const { host, tcpPort, wsPort } = live.listeners;
    expect(host).toBe('127.0.0.1');
    expect(tcpPort).toBeGreaterThan(0);
    expect(wsPort).toBeGreaterThan(0);
    expect(tcpPort).not.toBe(wsPort);
    expect(await tryConnect('127.0.0.1', tcpPort)).toBe('connected');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) expect(await tryConnect(external.address, tcpPort)).toBe('ECONNREFUSED');
  });

  it('rejects a port that is taken, and leaves nothing listening', async () => {
    live = await startLiveWorld();
    const servers = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const before = servers();
    // The TCP listener binds first (a free port), then the WebSocket one fails: both must go.
    await expect(startListeners(live.broker, { tcpPort: 0, wsPort: live.listeners.tcpPort })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await expect(startListeners(live.broker, { tcpPort: live.listeners.wsPort, wsPort: 0 })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await until(() => servers() === before, 'the half-started listeners to close');
  });

  it('close() ends every open connection (MQTT over TCP and WebSocket, hanging sockets) and frees the ports', async () => {
    live = await startLiveWorld();
    const { listeners, homes } = live;
    const A = homes.A!;
    const tcpClient = await new ClientPool(() => TCP.url(listeners)).connect({ username: A.email, password: live.login(A) });
    const wsClient = await new ClientPool(() => WS.url(listeners)).connect({ username: A.email, password: live.login(A) });
    const hanging = await RawClient.open(listeners.tcpPort);
    const idleWs = new RawWebSocket(`ws://127.0.0.1:${listeners.wsPort}/mqtt`);
    await idleWs.waitOpen();
    await until(() => listeners.connections === 4, 'the listeners to accept all four connections');

    await withTimeout(listeners.close(), 5_000, 'listeners.close()');
    await Promise.all([tcpClient.waitClosed(), wsClient.waitClosed(), hanging.waitClosed(), idleWs.waitOutcome()]);
    expect(listeners.connections).toBe(0);
    await listeners.close(); // idempotent
    expect(await tryConnect('127.0.0.1', listeners.tcpPort)).toBe('ECONNREFUSED');
    const rebound = await startListeners(live.broker, { tcpPort: listeners.tcpPort, wsPort: listeners.wsPort });
    expect([rebound.tcpPort, rebound.wsPort]).toEqual([listeners.tcpPort, listeners.wsPort]);
    await rebound.close();
  });
});
