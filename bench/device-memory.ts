import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SimBroker } from '../simulator/broker/sim-broker.js';
import { Cloud } from '../simulator/cloud/cloud.js';
import { World } from '../simulator/core/world.js';
import type { BenchResult } from './bench-result.js';

function settledRss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

/** Connects `count` doorbells as mqtt.js clients over in-memory links; RSS per device in KiB. */
async function measure(count: number): Promise<number> {
  const world = new World({ seed: 1 });
  const cloud = new Cloud(world);
  const broker = await SimBroker.create(world, cloud);
  const records = Array.from({ length: count }, (_, i) => cloud.devices.register({ deviceId: `db-${i}`, homeId: `h${i}`, kind: 'doorbell', firmware: '1' }));
  const before = settledRss();
  const links = [];
  for (const r of records) links.push(await broker.link({ clientId: r.deviceId, username: r.deviceId, password: r.credential }, 'mqtt'));
  const after = settledRss();
  await world.close();
  return (after - before) / count / 1024;
}

/**
 * Resident memory per connected device (client and broker side in one process). Measured
 * in a fresh child process: in the bench runner's own process, memory freed by earlier
 * benchmarks would be counted against the devices.
 */
export async function benchDeviceMemory(count = 2_000): Promise<BenchResult[]> {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), String(count)], { encoding: 'utf8' });
  const perDeviceKb = Number(child.stdout.trim().split('\n').at(-1));
  if (child.status !== 0 || !Number.isFinite(perDeviceKb)) throw new Error(`device-memory child failed: ${child.stderr}`);
  return [{ name: `resident memory per connected device (${count} mqtt.js clients + aedes, one process)`, value: perDeviceKb, unit: 'KiB', target: 'DESIGN.md reference ≈ 50 KB' }];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(String(await measure(Number(process.argv[2] ?? 2_000))));
}
