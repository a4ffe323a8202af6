import { describe, expect, it } from 'vitest';
import { HOUR_MS, SECOND_MS } from '../../simulator/core/duration.js';
import { World } from '../../simulator/core/world.js';
import { RealtimeRunner } from '../../simulator/runner/realtime.js';
import { Simulation } from '../../simulator/runner/simulation.js';
import { withTimeout } from './helpers/wait.js';

/** A small town on in-memory MQTT links (the transport serve uses), ready to run. */
async function town(seed: number): Promise<Simulation> {
  const sim = await Simulation.create({ seed, homes: 20, transport: 'mqtt', retainLog: true });
  await sim.start();
  return sim;
}

describe('RealtimeRunner (the pacing behind serve)', () => {
  it('does what a batch run does: same event log, byte for byte, however the wall clock slices it', async () => {
    const batch = await town(7);
    await batch.run(12 * HOUR_MS);
    const paced = await town(7);
    // 1 ms ticks at 100,000x: dozens of steps of up to ~17 simulated minutes each, cut wherever the wall clock falls.
    const runner = new RealtimeRunner(paced.world, { speed: 100_000, tickMs: 1, durationMs: 12 * HOUR_MS });
    expect(await withTimeout(runner.done, 30_000, 'the paced run')).toBe('duration');
    expect(paced.world.now()).toBe(12 * HOUR_MS);
    expect(batch.world.log.size).toBeGreaterThan(200); // a morning of doorbells and apps, not an empty log
    expect(paced.world.log.size).toBe(batch.world.log.size);
    expect(paced.world.log.digest()).toBe(batch.world.log.digest());
    await Promise.all([batch.stop(), paced.stop()]);
  });

  it('never overlaps two steps, and stop() ends it after the step in progress', async () => {
    const world = new World({ seed: 1 });
    let inFlight = 0;
    let maxInFlight = 0;
    let steps = 0;
    const runUntil = world.runUntil.bind(world);
    // A slow step (a busy world): the next tick must wait for it, not start beside it.
    world.runUntil = async (endMs, ...rest) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      steps++;
      await new Promise((resolve) => setTimeout(resolve, 15));
      await runUntil(endMs, ...rest);
      inFlight--;
    };
    let ticks = 0;
    world.scheduler.every(SECOND_MS, () => ticks++);
    const runner = new RealtimeRunner(world, { speed: 1_000, tickMs: 5 });
    await withTimeout(new Promise<void>((resolve) => world.scheduler.at(3 * SECOND_MS, resolve)), 10_000, 'three simulated seconds');
    await runner.stop();
    expect(await runner.done).toBe('stopped');
    expect(maxInFlight).toBe(1);
    expect(inFlight).toBe(0);
    const stepsAtStop = steps;
    expect(ticks).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toBe(stepsAtStop); // nothing runs after stop()
  });

  it('lets virtual time slip rather than sprint when the world falls behind', async () => {
    const world = new World({ seed: 1 });
    const runUntil = world.runUntil.bind(world);
    world.runUntil = async (endMs, ...rest) => {
      await new Promise((resolve) => setTimeout(resolve, 30)); // each step takes 30 ms of wall time
      await runUntil(endMs, ...rest);
    };
    // One step may cover at most 10 ticks (10 x 1 ms x speed 10 = 100 ms virtual); the wall moves 30+ ms per step.
    const runner = new RealtimeRunner(world, { speed: 10, tickMs: 1 });
    await withTimeout(new Promise<void>((resolve) => world.scheduler.at(1_000, resolve)), 10_000, 'one simulated second');
    await runner.stop();
    expect(runner.slippedMs).toBeGreaterThan(0);
  });

  it('refuses a speed, tick or duration that is not positive', () => {
    const world = new World({ seed: 1 });
    expect(() => new RealtimeRunner(world, { speed: 0 })).toThrow(/speed/);
    expect(() => new RealtimeRunner(world, { speed: Number.NaN })).toThrow(/speed/);
    expect(() => new RealtimeRunner(world, { speed: 1, tickMs: 0 })).toThrow(/tickMs/);
    expect(() => new RealtimeRunner(world, { speed: 1, durationMs: -5 })).toThrow(/durationMs/);
  });
});
