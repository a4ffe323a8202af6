import type { Listeners } from '../../../simulator/broker/listeners.js';

/** One way a real MQTT client reaches the live broker. */
export interface Transport {
  readonly name: 'tcp' | 'ws';
  url(listeners: Listeners): string;
}

export const TCP: Transport = { name: 'tcp', url: (l) => `mqtt://127.0.0.1:${l.tcpPort}` };
export const WS: Transport = { name: 'ws', url: (l) => `ws://127.0.0.1:${l.wsPort}/mqtt` };

/** Every abstract suite runs once per entry (the MQTT.js test style). */
export const TRANSPORTS: readonly Transport[] = [TCP, WS];
