import type { Link, MessageHandler } from '../broker/link.js';
import type { SeededRandom } from '../core/random.js';
import type { World } from '../core/world.js';
import type { Metrics } from '../metrics/recorder.js';
import type { WireFaults } from './wire-faults.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    /** A message the wire's faults took away: the log shows each, so a faulty run's hash is its own. */
    'wire.message-lost': { deviceId: string; direction: 'uplink' | 'downlink'; topic: string };
  }
}

/**
 * A device's link with the wire's faults in it (wire-faults.ts): the same Link contract, so
 * the device never knows. Draws come from the device's own stream (`faults/wire/{deviceId}`),
 * so one device's traffic cannot shift another's faults, and nothing is drawn when faults are
 * off (the link is then not wrapped at all).
 */
export class FaultyLink implements Link {
  constructor(
    private readonly inner: Link,
    private readonly faults: WireFaults,
    private readonly random: SeededRandom,
    private readonly world: World,
    private readonly metrics: Metrics,
  ) {}

  get clientId(): string {
    return this.inner.clientId;
  }

  get connected(): boolean {
    return this.inner.connected;
  }

  /** The message's fate: lost (undefined) or its delay in ms. */
  private fate(): number | undefined {
    if (this.faults.lossRate > 0 && this.random.chance(this.faults.lossRate)) return undefined;
    return this.faults.delayMs + (this.faults.jitterMs > 0 ? this.random.int(0, this.faults.jitterMs) : 0);
  }

  private lost(direction: 'uplink' | 'downlink', topic: string): void {
    this.metrics.add(direction === 'uplink' ? 'faults.uplinkLost' : 'faults.downlinkLost');
    this.world.log.emit('wire.message-lost', { deviceId: this.inner.clientId, direction, topic });
  }

  publish(topic: string, payload: string, options?: { retain?: boolean }): boolean {
    if (!this.inner.connected) return false;
    const delayMs = this.fate();
    if (delayMs === undefined) {
      this.lost('uplink', topic);
      return true; // sent, as far as the device knows
    }
    if (delayMs === 0) return this.inner.publish(topic, payload, options);
    this.world.scheduler.after(delayMs, () => {
      if (this.inner.connected) this.inner.publish(topic, payload, options);
    });
    return true;
  }

  subscribe(filter: string): Promise<boolean> {
    return this.inner.subscribe(filter);
  }

  unsubscribe(filter: string): Promise<void> {
    return this.inner.unsubscribe(filter);
  }

  onMessage(handler: MessageHandler): void {
    this.inner.onMessage((topic, payload) => {
      const delayMs = this.fate();
      if (delayMs === undefined) {
        this.lost('downlink', topic);
        return;
      }
      if (delayMs === 0) handler(topic, payload);
      else this.world.scheduler.after(delayMs, () => this.inner.connected && handler(topic, payload));
    });
  }

  onClose(handler: () => void): void {
    this.inner.onClose(handler);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
