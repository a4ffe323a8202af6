import type { Link, LinkCredentials, MessageHandler } from '../broker/link.js';
import { DAY_MS } from '../core/duration.js';
import type { SeededRandom } from '../core/random.js';
import type { TimerHandle } from '../core/scheduler.js';
import type { World } from '../core/world.js';
import type { Metrics } from '../metrics/recorder.js';
import type { WireFaults } from './wire-faults.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    /** A message the wire's faults took away: the log shows each, so a faulty run's hash is its own. */
    'wire.message-lost': { deviceId: string; direction: 'uplink' | 'downlink'; topic: string };
    'wire.link-dropped': { deviceId: string; downMs: number };
    'wire.link-restored': { deviceId: string };
    /** An orderly reboot: no last will, back after the seeded boot time. */
    'wire.device-rebooted': { deviceId: string; bootMs: number };
    /** The broker restarted (once, faults.brokerRestartAtMinutes): every device link dropped, without wills. */
    'wire.broker-restarted': { downMs: number };
    'wire.broker-dropped': { deviceId: string; backMs: number };
  }
}

/** How the link gets a fresh connection after a drop: the device's own connect, with its will. */
export interface Reconnect {
  connect(): Promise<Link>;
  will: LinkCredentials['will'];
}

/**
 * A device's link with the wire's faults in it (wire-faults.ts): the same Link contract, so
 * the device never knows. Draws come from the device's own stream (`faults/wire/{deviceId}`),
 * so one device's traffic cannot shift another's faults, and nothing is drawn when faults are
 * off (the link is then not wrapped at all). During an outage the device keeps publishing
 * into the void, as a device whose Wi-Fi is gone does.
 */
export class FaultyLink implements Link {
  private inner: Link;
  private readonly handlers: MessageHandler[] = [];
  private readonly closeHandlers: Array<() => void> = [];
  private readonly filters = new Set<string>();
  /** The last retained message per topic (its status): a device republishes it when it is back. */
  private readonly retained = new Map<string, string>();
  private down = false;
  private closed = false;
  private nextDrop: TimerHandle | undefined;
  private nextReboot: TimerHandle | undefined;

  constructor(
    inner: Link,
    private readonly faults: WireFaults,
    private readonly random: SeededRandom,
    private readonly world: World,
    private readonly metrics: Metrics,
    private readonly reconnect: Reconnect,
    /** Reboot times, boot times and the restart backoff: a stream of their own, so drops and losses draw as before. */
    private readonly rebootRandom: SeededRandom,
  ) {
    this.inner = inner;
    this.attach(inner);
    this.scheduleDrop();
    this.scheduleReboot();
  }

  get clientId(): string {
    return this.inner.clientId;
  }

  get connected(): boolean {
    return !this.closed && (this.down || this.inner.connected);
  }

  private attach(link: Link): void {
    link.onMessage((topic, payload) => {
      if (link !== this.inner) return;
      const delayMs = this.fate();
      if (delayMs === undefined) return this.lost('downlink', topic);
      if (delayMs === 0) this.dispatch(topic, payload);
      else this.world.scheduler.after(delayMs, () => link === this.inner && !this.down && this.dispatch(topic, payload));
    });
    // A drop we caused is not the broker closing the device.
    link.onClose(() => link === this.inner && !this.down && this.closeHandlers.forEach((h) => h()));
  }

  private dispatch(topic: string, payload: string): void {
    for (const handler of this.handlers) handler(topic, payload);
  }

  /** The message's fate: lost (undefined) or its delay in ms. */
  private fate(): number | undefined {
    if (this.faults.lossRate > 0 && this.random.chance(this.faults.lossRate)) return undefined;
    return this.faults.delayMs + (this.faults.jitterMs > 0 ? this.random.int(0, this.faults.jitterMs) : 0);
  }

  private lost(direction: 'uplink' | 'downlink', topic: string): void {
    this.metrics.add(direction === 'uplink' ? 'faults.uplinkLost' : 'faults.downlinkLost');
    this.world.log.emit('wire.message-lost', { deviceId: this.clientId, direction, topic });
  }

  private scheduleDrop(): void {
    if (this.faults.dropsPerDay <= 0 || this.closed) return;
    this.nextDrop = this.world.scheduler.after(Math.max(1, Math.round(this.random.exponential(DAY_MS / this.faults.dropsPerDay))), () => this.drop());
  }

  /** The link goes: the broker sees the device's last will (offline), then nothing for downMs. */
  private drop(): void {
    if (this.closed || !this.inner.connected) return;
    // Down for another reason (a reboot, a broker restart): the next drop is drawn after it.
    if (this.down) return this.scheduleDrop();
    const downMs = this.faults.downMs;
    this.metrics.add('faults.linkDrops');
    this.world.log.emit('wire.link-dropped', { deviceId: this.clientId, downMs });
    this.goDown(downMs, true);
  }

  private scheduleReboot(): void {
    if (this.faults.rebootsPerDay <= 0 || this.closed) return;
    this.nextReboot = this.world.scheduler.after(Math.max(1, Math.round(this.rebootRandom.exponential(DAY_MS / this.faults.rebootsPerDay))), () => this.reboot());
  }

  /** An orderly reboot: the device disconnects (no will), boots for a seeded 0.5–1.5 × bootMs, reconnects. */
  private reboot(): void {
    if (this.closed) return;
    if (this.down || !this.inner.connected) return this.scheduleReboot();
    const bootMs = Math.max(1, Math.round(this.faults.bootMs * (0.5 + this.rebootRandom.float())));
    this.metrics.add('faults.reboots');
    this.world.log.emit('wire.device-rebooted', { deviceId: this.clientId, bootMs });
    this.goDown(bootMs, false, () => this.scheduleReboot());
  }

  /** The broker restarted: the connection is gone (no will: a broker going down sends none); back after the downtime plus a seeded backoff. */
  brokerRestarted(brokerDownMs: number): void {
    if (this.closed || this.down) return;
    const backMs = brokerDownMs + Math.round(brokerDownMs * this.rebootRandom.float());
    this.metrics.add('faults.brokerRestartDrops');
    this.world.log.emit('wire.broker-dropped', { deviceId: this.clientId, backMs });
    this.goDown(backMs, false);
  }

  private goDown(downMs: number, sendWill: boolean, afterRestore: () => void = () => this.scheduleDrop()): void {
    this.down = true;
    const old = this.inner;
    this.metrics.add('faults.deviceMinutesOffline', downMs / 60_000);
    const will = this.reconnect.will;
    if (sendWill && will) old.publish(will.topic, will.payload, { retain: will.retain });
    this.world.spawn(() => old.close());
    this.world.scheduler.after(downMs, () => this.world.spawn(() => this.restore(afterRestore)));
  }

  private async restore(afterRestore: () => void): Promise<void> {
    if (this.closed) return;
    const link = await this.reconnect.connect();
    this.inner = link;
    this.attach(link);
    for (const filter of this.filters) await link.subscribe(filter);
    this.down = false;
    for (const [topic, payload] of this.retained) link.publish(topic, payload, { retain: true });
    this.world.log.emit('wire.link-restored', { deviceId: this.clientId });
    afterRestore();
  }

  publish(topic: string, payload: string, options?: { retain?: boolean }): boolean {
    if (this.closed) return false;
    if (options?.retain) this.retained.set(topic, payload);
    if (this.down) {
      this.lost('uplink', topic);
      return true;
    }
    if (!this.inner.connected) return false;
    const delayMs = this.fate();
    if (delayMs === undefined) {
      this.lost('uplink', topic);
      return true; // sent, as far as the device knows
    }
    if (delayMs === 0) return this.inner.publish(topic, payload, options);
    const link = this.inner;
    this.world.scheduler.after(delayMs, () => {
      if (link === this.inner && link.connected) link.publish(topic, payload, options);
    });
    return true;
  }

  async subscribe(filter: string): Promise<boolean> {
    this.filters.add(filter);
    return this.down ? true : this.inner.subscribe(filter);
  }

  async unsubscribe(filter: string): Promise<void> {
    this.filters.delete(filter);
    if (!this.down) await this.inner.unsubscribe(filter);
  }

  onMessage(handler: MessageHandler): void {
    this.handlers.push(handler);
  }

  onClose(handler: () => void): void {
    this.closeHandlers.push(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.world.scheduler.cancel(this.nextDrop);
    this.world.scheduler.cancel(this.nextReboot);
    await this.inner.close();
  }
}
