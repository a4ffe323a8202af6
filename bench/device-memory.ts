import { SimBroker } from '../simulator/broker/sim-broker.js';
import { Cloud } from '../simulator/cloud/cloud.js';
import { World } from '../simulator/core/world.js';
import type { BenchResult } from './bench-result.js';

function settledRss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

/**
 * Resident memory per connected device: `count` doorbells connected as mqtt.js clients over
 * in-memory links (client and broker side in this process), RSS before and after.
 */
export async function benchDeviceMemory(count = 2_000): Promise<BenchResult[]> {
  const world = new World({ seed: 1 });
  const cloud = new Cloud(world);
  const broker = await SimBroker.create(world, cloud);
  const records = Array.from({ length: count }, (_, i) => cloud.devices.register({ deviceId: `db-${i}`, homeId: `h${i}`, kind: 'doorbell', firmware: '1' }));
  const before = settledRss();
  const links = [];
  for (const r of records) links.push(await broker.link({ clientId: r.deviceId, username: r.deviceId, password: r.credential }, 'mqtt'));
  const after = settledRss();
  await world.close();
  const perDeviceKb = (after - before) / count / 1024;
  return [{ name: `resident memory per connected device (${count} mqtt.js clients + aedes, one process)`, value: perDeviceKb, unit: 'KiB', target: 'DESIGN.md reference ≈ 50 KB' }];
}
