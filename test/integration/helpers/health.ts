import { expect } from 'vitest';
import type { LiveWorld, TestHome } from './live-world.js';
import { ClientPool, type TestClient } from './mqtt-clients.js';

/**
 * Well-behaved traffic that must survive hostile neighbours: a doorbell and its owner
 * connected before the hostile client, and a fresh owner client connected after it.
 */
export class HealthProbe {
  private rounds = 0;

  private constructor(
    private readonly live: LiveWorld,
    private readonly pool: ClientPool,
    private readonly home: TestHome,
    readonly doorbell: TestClient,
    readonly owner: TestClient,
  ) {}

  static async start(live: LiveWorld, url: () => string, homeId = 'A'): Promise<HealthProbe> {
    const pool = new ClientPool(url);
    const home = live.homes[homeId]!;
    const device = home.devices[0]!;
    const doorbell = await pool.connect({ clientId: device.deviceId, username: device.deviceId, password: device.credential }, 'probe doorbell');
    const owner = await pool.connect({ username: home.email, password: live.login(home) }, 'probe owner');
    expect(await owner.subscribe(`homes/${homeId}/#`)).toEqual([0]);
    return new HealthProbe(live, pool, home, doorbell, owner);
  }

  /**
   * The old pair still publishes and receives, and a client connecting now works too.
   * Anything routed to the owner before this returns is in `owner.received`.
   */
  async check(label: string): Promise<void> {
    const round = ++this.rounds;
    const payload = `healthy-${label}-${round}`;
    this.doorbell.publish(this.home.topic('events'), payload);
    await this.owner.waitFor(this.home.topic('events'), payload);
    expect(this.doorbell.connected && this.owner.connected).toBe(true);

    const late = await this.pool.connect({ username: this.home.email, password: this.live.login(this.home) }, `late owner ${round}`);
    expect(await late.subscribe(this.home.topic('status'))).toEqual([0]);
    this.doorbell.publish(this.home.topic('status'), `${payload}-late`);
    await late.waitFor(this.home.topic('status'), `${payload}-late`);
    await late.end();
  }

  async close(): Promise<void> {
    await this.pool.closeAll();
  }
}
