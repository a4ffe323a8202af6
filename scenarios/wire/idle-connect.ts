import type { Duplex } from 'node:stream';
import * as mqttPacket from 'mqtt-packet';
import { memoryPair } from '../../simulator/broker/memory-transport.js';
import type { SimBroker } from '../../simulator/broker/sim-broker.js';

/** A complete v3.1.1 CONNECT (clean session, user name and password) declaring `keepaliveS`, encoded by mqtt-packet, the codec aedes and mqtt.js use. */
export function connectPacket(clientId: string, username: string, password: string, keepaliveS: number): Buffer {
  return mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: keepaliveS, clientId, username, password: Buffer.from(password) });
}

/** An idle connection: its attacker end, and whether the broker answered CONNACK 0. */
export interface IdleConnection {
  readonly end: Duplex;
  accepted: boolean;
}

/**
 * The SlowITe variant a CONNECT timeout does not stop: a whole CONNECT, then nothing at all
 * (no PINGREQ ever), over an in-memory stream from `remoteAddress`. Resolves once the broker
 * answered (or closed the stream), so the world's clock does not move past the CONNACK; the
 * connection then stays open for as long as the broker lets a silent client stay.
 */
export function openIdleConnection(broker: SimBroker, remoteAddress: string, connect: Buffer): Promise<IdleConnection> {
  const [attackerEnd, brokerEnd] = memoryPair(broker.meter);
  const idle: IdleConnection = { end: attackerEnd, accepted: false };
  attackerEnd.on('error', () => {});
  const answered = new Promise<IdleConnection>((resolve) => {
    // CONNACK: 0x20, length 2, session present, return code (0 accepted); aedes may write it in parts.
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      if (head.length < 4) return;
      attackerEnd.off('data', onData);
      idle.accepted = head[0] === 0x20 && head[3] === 0;
      resolve(idle);
    };
    attackerEnd.on('data', onData);
    attackerEnd.once('close', () => resolve(idle));
  });
  broker.handle(brokerEnd, 'memory', remoteAddress);
  attackerEnd.write(connect);
  return answered;
}

/** Still open at the end: accepted and neither closed nor ended by the broker. */
export function isHeld(idle: IdleConnection): boolean {
  return idle.accepted && !idle.end.destroyed && !idle.end.readableEnded;
}
