import { startListeners, type Listeners } from '../broker/listeners.js';
import { DemoStats } from './demo-stats.js';
import { DemoTown, type DemoConfig } from './demo-town.js';

export interface SessionOptions {
  host: string;
  tcpPort: number;
  wsPort: number;
  speed: number;
  ctfKey: string | undefined;
}

/**
 * One classroom town with its broker listeners, its observer login and its stats. Reset
 * builds a new town (same or other scenario, seed, defences) on the ports the first one got.
 */
export class DemoSession {
  private constructor(public town: DemoTown, public listeners: Listeners, public stats: DemoStats, public observer: { username: string; password: string }, private readonly options: SessionOptions) {}

  static async start(config: DemoConfig, options: SessionOptions): Promise<DemoSession> {
    const town = await DemoTown.create(config, options.speed);
    try {
      const listeners = await startListeners(town.run.sim.broker, { host: options.host, tcpPort: options.tcpPort, wsPort: options.wsPort });
      const session = new DemoSession(town, listeners, new DemoStats(town.run.sim.world, town.run.sim.cloud, options.ctfKey), town.run.sim.broker.enableObserver(), options);
      town.startClock();
      return session;
    } catch (error) {
      await town.stop();
      throw error;
    }
  }

  async reset(config: DemoConfig): Promise<void> {
    const { tcpPort, wsPort } = this.listeners;
    const speed = this.town.speed;
    await this.listeners.close();
    await this.town.stop();
    this.town = await DemoTown.create(config, speed);
    this.listeners = await startListeners(this.town.run.sim.broker, { host: this.options.host, tcpPort, wsPort });
    this.stats = new DemoStats(this.town.run.sim.world, this.town.run.sim.cloud, this.options.ctfKey);
    this.observer = this.town.run.sim.broker.enableObserver();
    this.town.startClock();
  }

  async stop(): Promise<void> {
    await this.listeners.close();
    await this.town.stop();
  }
}
