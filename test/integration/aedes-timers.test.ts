import { describe, expect, it } from 'vitest';
import { SimBroker } from '../../simulator/broker/sim-broker.js';
import { Cloud } from '../../simulator/cloud/cloud.js';
import { World } from '../../simulator/core/world.js';

/** Live wall-clock timers (setTimeout/setInterval) of this process, as Node reports them. */
const activeTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

async function createWorlds(count: number, live: boolean): Promise<World[]> {
  const worlds: World[] = [];
  for (let i = 0; i < count; i++) {
    const world = new World({ seed: i });
    await SimBroker.create(world, new Cloud(world), { live });
    worlds.push(world);
  }
  return worlds;
}

/**
 * aedes arms two wall-clock intervals when it starts (the $SYS heartbeat and the will
 * sweeper). A simulated world runs on virtual time and must not have them; a live broker
 * keeps them, because other brokers and live clients rely on the heartbeat.
 */
describe('aedes timers', () => {
  it('simulation mode leaves no aedes interval running', async () => {
    const before = activeTimers();
    const worlds = await createWorlds(3, false);
    expect(activeTimers()).toBe(before);
    for (const world of worlds) await world.close();
  });

  it('live mode keeps both intervals of every broker until it closes', async () => {
    const before = activeTimers();
    const worlds = await createWorlds(3, true);
    expect(activeTimers()).toBe(before + 2 * 3);
    for (const world of worlds) await world.close();
    expect(activeTimers()).toBe(before);
  });
});
