import { connect as netConnect, type Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';
// The hostile tests' byte builders: the same MQTT 3.1.1 encoding, one copy.
import { mqttString, varint } from '../test/integration/helpers/raw-mqtt.js';

/**
 * The hostile client of the wire-limits benchmark, run as a child process (fork, IPC
 * channel) so its CPU and memory are not counted as the broker's. It repeats one oversize
 * attempt on 127.0.0.1 until the parent closes the IPC channel.
 */
export interface OversizeAttack {
  transport: 'tcp' | 'ws';
  /** 'connect': an oversize first packet, unauthenticated. 'publish': an owner's valid CONNECT, then an oversize PUBLISH. */
  kind: 'connect' | 'publish';
  port: number;
  /** Remaining length the oversize packet's fixed header announces; the body is then streamed up to it. */
  announcedBytes: number;
  /** For 'publish': the owner's e-mail, a live session token and a topic of the owner's home. */
  owner?: { email: string; token: string; topic: string };
}

/** Sent to the parent once the first oversize header is on the wire. */
export const ATTACKING = 'attacking';

/** Even if the parent never closes the channel (it died without it closing), the child ends. */
const MAX_LIFETIME_MS = 120_000;
const CHUNK = Buffer.alloc(1024 * 1024, 0x61);
/** Below the listener's wsMaxPayload (1 MiB), so it is the packet-size guard that refuses, not ws. */
const WS_MESSAGE_BYTES = 512 * 1024;
/** MQTT 3.1.1 §2.2.3: the remaining length is at most four varint bytes. */
const MAX_REMAINING_LENGTH = 268_435_455;

/** A well-formed 3.1.1 CONNECT: clean session, username and password, keep-alive off. */
function ownerConnect(clientId: string, owner: NonNullable<OversizeAttack['owner']>): Buffer {
  const body = Buffer.concat([mqttString('MQTT'), Buffer.from([4, 0xc2, 0, 0]), mqttString(clientId), mqttString(owner.email), mqttString(owner.token)]);
  return Buffer.concat([Buffer.from([0x10]), varint(body.length), body]);
}

/** The oversize packet's fixed header (and, for a PUBLISH, its topic); `bodyBytes` is what remains to stream. */
function oversizeHeader(attack: OversizeAttack): { header: Buffer; bodyBytes: number } {
  const topic = attack.kind === 'publish' ? mqttString(attack.owner!.topic) : Buffer.alloc(0);
  const header = Buffer.concat([Buffer.from([attack.kind === 'connect' ? 0x10 : 0x30]), varint(attack.announcedBytes), topic]);
  return { header, bodyBytes: attack.announcedBytes - topic.length };
}

/** One connection over TCP: the header, then the body with back-pressure until the broker drops us. */
function tcpAttempt(attack: OversizeAttack, clientId: string, onHeaderSent: () => void): Promise<void> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: '127.0.0.1', port: attack.port });
    let closed = false;
    socket.on('error', () => {}); // the broker resetting us is the expected outcome
    socket.once('close', () => ((closed = true), resolve()));
    socket.once('connect', async () => {
      const { header, bodyBytes } = oversizeHeader(attack);
      if (attack.kind === 'publish') socket.write(ownerConnect(clientId, attack.owner!));
      socket.write(header);
      onHeaderSent();
      for (let left = bodyBytes; !closed && left > 0; left -= CHUNK.length) {
        if (!socket.write(CHUNK.subarray(0, Math.min(CHUNK.length, left)))) await drainedOrClosed(socket);
      }
      if (!closed) socket.end();
    });
  });
}

function drainedOrClosed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => (socket.off('drain', done), socket.off('close', done), resolve());
    socket.on('drain', done);
    socket.on('close', done);
  });
}

/** One connection over WebSocket: same bytes, in messages small enough for ws to pass on. */
function wsAttempt(attack: OversizeAttack, clientId: string, onHeaderSent: () => void): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${attack.port}/mqtt`, ['mqtt']);
    ws.on('error', () => {});
    ws.once('close', () => resolve());
    ws.once('open', async () => {
      const { header, bodyBytes } = oversizeHeader(attack);
      if (attack.kind === 'publish') ws.send(ownerConnect(clientId, attack.owner!));
      ws.send(header);
      onHeaderSent();
      for (let left = bodyBytes; ws.readyState === WebSocket.OPEN && left > 0; left -= WS_MESSAGE_BYTES) {
        await new Promise<void>((sent) => ws.send(CHUNK.subarray(0, Math.min(WS_MESSAGE_BYTES, left)), () => sent()));
      }
      ws.close();
    });
  });
}

async function attackUntilStopped(attack: OversizeAttack): Promise<never> {
  if (!process.send) throw new Error('oversize-client: run me with fork() (an IPC channel)');
  if (!Number.isSafeInteger(attack.announcedBytes) || attack.announcedBytes < 1 || attack.announcedBytes > MAX_REMAINING_LENGTH) {
    throw new RangeError(`oversize-client: announcedBytes must be 1..${MAX_REMAINING_LENGTH}`);
  }
  if (attack.kind === 'publish' && !attack.owner) throw new Error('oversize-client: a publish attack needs owner credentials');
  // The parent stops us by closing the channel; exit at once, even mid-stream.
  process.on('disconnect', () => process.exit(0));
  setTimeout(() => process.exit(0), MAX_LIFETIME_MS);
  let announced = false;
  const onHeaderSent = () => {
    if (!announced) process.send?.(ATTACKING);
    announced = true;
  };
  const attempt = attack.transport === 'tcp' ? tcpAttempt : wsAttempt;
  for (let n = 0; ; n++) await attempt(attack, `hostile-${attack.transport}-${n}`, onHeaderSent);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await attackUntilStopped(JSON.parse(process.argv[2] ?? '{}') as OversizeAttack);
}
