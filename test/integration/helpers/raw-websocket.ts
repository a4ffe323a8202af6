import { WebSocket } from 'ws';
import { STEP_MS, withTimeout } from './wait.js';

/** How a WebSocket attempt ended: opened, refused at the handshake, or closed with a code. */
export interface WsOutcome {
  opened: boolean;
  /** HTTP status when the server refused the upgrade. */
  status?: number;
  error?: string;
  closeCode?: number;
}

/** A raw WebSocket client (no MQTT library) that records binary messages from the broker. */
export class RawWebSocket {
  readonly ws: WebSocket;
  readonly received: Buffer[] = [];
  readonly outcome: Promise<WsOutcome>;
  readonly opened: Promise<boolean>;

  constructor(url: string, protocols: string[] = ['mqtt']) {
    this.ws = new WebSocket(url, protocols);
    const ws = this.ws;
    const state: WsOutcome = { opened: false };
    ws.on('message', (data: Buffer) => this.received.push(data));
    this.opened = new Promise((resolve) => {
      ws.once('open', () => resolve((state.opened = true)));
      ws.once('close', () => resolve(false));
    });
    this.outcome = new Promise((resolve) => {
      ws.once('unexpected-response', (_req, res) => {
        state.status = res.statusCode;
        ws.terminate();
      });
      ws.on('error', (error) => (state.error = error.message));
      ws.once('close', (code) => resolve({ ...state, closeCode: code }));
    });
  }

  send(bytes: Buffer): void {
    this.ws.send(bytes, { binary: true });
  }

  async waitOpen(): Promise<void> {
    if (!(await withTimeout(this.opened, STEP_MS, 'the WebSocket handshake'))) throw new Error('WebSocket closed before it opened');
  }

  waitOutcome(): Promise<WsOutcome> {
    return withTimeout(this.outcome, STEP_MS, 'the WebSocket to close');
  }

  terminate(): void {
    this.ws.terminate();
  }
}
