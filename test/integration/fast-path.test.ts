import { describe, expect, it } from 'vitest';
import baseline from '../../scenarios/baseline.js';
import type { TransportMode } from '../../simulator/broker/link.js';
import { HOUR_MS } from '../../simulator/core/duration.js';
import { Simulation } from '../../simulator/runner/simulation.js';
import { DEFAULT_WORLD_PARAMS } from '../../simulator/runner/world-params.js';

/**
 * DESIGN.md principle 3: the fast path that skips packet encoding is allowed only if
 * subscribers receive the same messages in the same order as over the MQTT path.
 * A real mqtt.js observer (service principal, subscribed to every home) records what the
 * broker delivered in each mode.
 */
async function observe(mode: TransportMode, seed: number): Promise<{ messages: string[]; hash: string }> {
  const params = { ...DEFAULT_WORLD_PARAMS, app: { ...DEFAULT_WORLD_PARAMS.app, opensPerDay: 12, liveViewChance: 0.6 } };
  const sim = await Simulation.create({ seed, homes: 12, transport: mode, params });
  const observer = await sim.broker.link({ clientId: 'observer', ...sim.broker.serviceCredentials('observer') }, 'mqtt');
  const messages: string[] = [];
  observer.onMessage((topic, payload) => messages.push(`${sim.world.now()} ${topic} ${payload}`));
  expect(await observer.subscribe('homes/#')).toBe(true);
  await sim.start();
  await sim.run(12 * HOUR_MS);
  await observer.close();
  await sim.stop();
  return { messages, hash: sim.world.log.digest() };
}

describe('fast path (direct links) vs one MQTT packet per message', () => {
  for (const seed of [7, 42]) {
    it(`delivers the same messages in the same order (seed ${seed})`, async () => {
      const mqtt = await observe('mqtt', seed);
      const direct = await observe('direct', seed);
      expect(mqtt.messages.length).toBeGreaterThan(100);
      // Every channel is exercised, so the comparison covers commands and live view too.
      for (const channel of ['/events', '/status', '/media', '/commands']) {
        expect(mqtt.messages.some((m) => m.includes(channel)), `seed ${seed}: no ${channel} traffic`).toBe(true);
      }
      expect(direct.messages).toEqual(mqtt.messages);
      expect(direct.hash).toBe(mqtt.hash);
    });
  }

  it('with no socket connected (messages skip aedes entirely), a run reports the same metrics and log over both paths', async () => {
    const { runScenario } = await import('../../simulator/runner/run-scenario.js');
    for (const seed of [3, 11]) {
      const a = await runScenario(baseline, { seed, homes: 10, duration: '12h', transport: 'mqtt', set: ['app.opensPerDay=12', 'app.liveViewChance=0.6'] });
      const b = await runScenario(baseline, { seed, homes: 10, duration: '12h', transport: 'direct', set: ['app.opensPerDay=12', 'app.liveViewChance=0.6'] });
      expect(a.report.metrics['messages.commands'], `seed ${seed}`).toBeGreaterThan(0);
      expect(b.report.metrics, `seed ${seed}`).toEqual(a.report.metrics);
      expect(b.report.eventLog, `seed ${seed}`).toEqual(a.report.eventLog);
    }
  });
});
