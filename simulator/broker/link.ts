/**
 * How a simulated actor talks to the broker. Two implementations with one contract:
 * `MqttLink` (a real mqtt.js client, one MQTT packet per message) and `DirectLink` (the
 * fast path: same authentication and policies, no packet encoding). Actors never know
 * which one they hold; test/integration/fast-path.test.ts shows subscribers receive the same
 * messages in the same order from both.
 */
export type MessageHandler = (topic: string, payload: string) => void;

export interface Link {
  readonly clientId: string;
  /**
   * Fire-and-forget QoS 0 publish. Returns false when the link is closed (a direct link also
   * when the broker refused the publish; then, as over MQTT, the broker drops the link).
   */
  publish(topic: string, payload: string, options?: { retain?: boolean }): boolean;
  /** Resolves true when the broker granted the filter, false on SUBACK failure. */
  subscribe(filter: string): Promise<boolean>;
  unsubscribe(filter: string): Promise<void>;
  onMessage(handler: MessageHandler): void;
  /** Called once when the broker drops the link (revoked session, duplicate id). */
  onClose(handler: () => void): void;
  readonly connected: boolean;
  /** Graceful close: no last will. */
  close(): Promise<void>;
}

export type TransportMode = 'mqtt' | 'direct';

export interface LinkCredentials {
  clientId: string;
  username: string;
  password: string;
  /** Retained last will (MQTT 3.1.1 §3.1.2.5), sent if the link drops without close(). */
  will?: { topic: string; payload: string; retain: boolean };
  /** The simulated peer address this actor connects from (connect-rate-limit counts by it); in-process actors have none. */
  remoteAddress?: string;
}

export class ConnectRefusedError extends Error {
  constructor(readonly reason: string, readonly returnCode: number) {
    super(`connection refused: ${reason}`);
    this.name = 'ConnectRefusedError';
  }
}
