import type { MqttClient } from 'mqtt';
import type { Link, MessageHandler } from './link.js';
import type { TrafficMeter } from './memory-transport.js';

/**
 * A Link over a real mqtt.js client (one MQTT packet per message). mqtt.js may write a
 * packet a tick after publish() returns, so every call marks the meter first: the runner
 * then settles before it moves the clock instead of racing ahead of the write.
 */
export class MqttLink implements Link {
  private closedByUs = false;

  constructor(readonly client: MqttClient, readonly clientId: string, private readonly meter: TrafficMeter) {}

  get connected(): boolean {
    return this.client.connected;
  }

  publish(topic: string, payload: string, options: { retain?: boolean } = {}): boolean {
    if (!this.client.connected) return false;
    this.meter.activity++;
    this.client.publish(topic, payload, { qos: 0, retain: options.retain ?? false });
    return true;
  }

  async subscribe(filter: string): Promise<boolean> {
    this.meter.activity++;
    try {
      const granted = await this.client.subscribeAsync(filter, { qos: 0 });
      return granted.length > 0 && granted.every((g) => g.qos !== 128);
    } catch {
      // mqtt.js 5 rejects a SUBACK failure (0x80); for a Link that is a refused filter.
      return false;
    }
  }

  async unsubscribe(filter: string): Promise<void> {
    this.meter.activity++;
    await this.client.unsubscribeAsync(filter);
  }

  onMessage(handler: MessageHandler): void {
    this.client.on('message', (topic, payload) => handler(topic, payload.toString()));
  }

  onClose(handler: () => void): void {
    this.client.once('close', () => {
      if (!this.closedByUs) handler();
    });
  }

  async close(): Promise<void> {
    this.closedByUs = true;
    this.meter.activity++;
    await this.client.endAsync(false);
  }
}
