import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WS_MAX_PAYLOAD } from '../../simulator/broker/listeners.js';
import { HealthProbe } from './helpers/health.js';
import { startLiveWorld, type LiveWorld } from './helpers/live-world.js';
import { connack, connectPacket, publishPacket, RawClient } from './helpers/raw-mqtt.js';
import { RawWebSocket } from './helpers/raw-websocket.js';
import { WS } from './helpers/transports.js';
import { until } from './helpers/wait.js';

/** The WebSocket listener under the same abuse as the TCP one, plus HTTP-level mischief. */
describe('hostile clients on the WebSocket listener', () => {
  let live: LiveWorld;
  let probe: HealthProbe;
  let baseline: number;
  const sockets: RawWebSocket[] = [];
  const url = (path = '/mqtt') => `ws://127.0.0.1:${live.listeners.wsPort}${path}`;
  const open = (path?: string, protocols?: string[]) => {
    const ws = new RawWebSocket(url(path), protocols);
    sockets.push(ws);
    return ws;
  };

  beforeAll(async () => {
    live = await startLiveWorld({ homeIds: ['A'], devicesPerHome: 2 });
    probe = await HealthProbe.start(live, () => WS.url(live.listeners));
    baseline = live.listeners.connections;
  });
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await until(() => live.listeners.connections === baseline, 'hostile connections to be gone');
  });
  afterAll(async () => {
    await probe?.close();
    await live?.close();
  });

  it('a binary frame of garbage closes that connection only', async () => {
    const ws = open();
    await ws.waitOpen();
    ws.send(Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37]));
    expect((await ws.waitOutcome()).opened).toBe(true);
    expect(ws.received).toEqual([]);
    await probe.check('ws garbage');
  });

  it('a CONNECT split over many frames is reassembled (the stream, not the frame, carries MQTT)', async () => {
    const A = live.homes.A!;
    const ws = open();
    await ws.waitOpen();
    const bytes = connectPacket({ clientId: 'framed', username: A.email, password: live.login(A) });
    for (let i = 0; i < bytes.length; i += 3) ws.send(bytes.subarray(i, i + 3));
    await until(() => ws.received.length > 0, 'CONNACK');
    expect(Buffer.concat(ws.received)).toEqual(connack(0));
  });

  it('a frame over the size limit is refused with close code 1009', async () => {
    const ws = open();
    await ws.waitOpen();
    ws.send(Buffer.alloc(DEFAULT_WS_MAX_PAYLOAD + 1));
    expect((await ws.waitOutcome()).closeCode).toBe(1009);
    await probe.check('oversized frame');
  });

  it('an oversize PUBLISH whose length header is split over three frames is dropped once the header is whole', async () => {
    const A = live.homes.A!;
    const ws = open();
    await ws.waitOpen();
    ws.send(connectPacket({ clientId: 'split-header', username: A.email, password: live.login(A) }));
    await until(() => ws.received.length > 0, 'CONNACK');
    const before = live.listeners.refusals['packet-too-large'];
    // 0x30, then the remaining length 10,000,000 as varint 0x80 0xad 0xe2 0x04, one frame at a time.
    for (const frame of [[0x30, 0x80], [0xad, 0xe2], [0x04]]) ws.send(Buffer.from(frame));
    expect((await ws.waitOutcome()).opened).toBe(true);
    expect(live.listeners.refusals['packet-too-large']).toBe(before + 1);
    await probe.check('split oversize header');
  });

  it('a client that drops mid-PUBLISH: nothing half-sent is routed', async () => {
    const device = live.homes.A!.devices[1]!;
    const ws = open();
    await ws.waitOpen();
    ws.send(connectPacket({ clientId: device.deviceId, username: device.deviceId, password: device.credential }));
    await until(() => ws.received.length > 0, 'CONNACK');
    const publish = publishPacket(live.homes.A!.topic('events', device), 'half-published');
    ws.send(publish.subarray(0, publish.length - 4));
    ws.terminate();
    await probe.check('ws dropped mid-packet');
    expect(probe.owner.payloads()).not.toContain('half-published');
  });

  it('the wrong path or no MQTT subprotocol fails the handshake', async () => {
    expect(await open('/not-mqtt').waitOutcome()).toMatchObject({ opened: false, status: 400 });
    expect(await open('/mqtt', ['chat']).waitOutcome()).toMatchObject({ opened: false, error: 'Server sent no subprotocol' });
    await probe.check('bad handshakes');
  });

  it('a plain HTTP request is answered 426 and a non-HTTP byte stream is dropped', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: live.listeners.wsPort, path: '/mqtt', agent: false, headers: { connection: 'close' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(426);
    const raw = await RawClient.open(live.listeners.wsPort);
    raw.write(Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x00]));
    await raw.waitClosed();
    await probe.check('http mischief');
  });
});
