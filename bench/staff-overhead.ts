import insiderBrowsing from '../scenarios/insider-browsing.js';
import { defineScenario } from '../simulator/runner/scenario.js';
import { runScenario } from '../simulator/runner/run-scenario.js';
import { median, type BenchResult } from './bench-result.js';

/** Repetitions per arm, interleaved so a slow minute on the shared machine hits both. */
const REPETITIONS = 3;
/** Issue 14: a day with the staff room (and an insider) costs at most 1.15x the same day without it. */
const TARGET_RATIO = 1.15;

/** The insider-browsing town (indoor cameras in its share of homes), with nobody in the staff room. */
const staffOff = defineScenario({
  name: 'staff-off',
  summary: 'bench: the insider-browsing town without staff',
  params: insiderBrowsing.params,
  configure: insiderBrowsing.configure,
});

/**
 * Wall time of a day of the insider-browsing town with its staff room working (tickets,
 * annotation queue, the insider, ring-2017) against the same town, seed and day with no
 * staff at all, in the same process. Medians of three alternated runs each.
 */
export async function benchStaffOverhead(homes = 10_000): Promise<BenchResult[]> {
  const wall = { on: [] as number[], off: [] as number[] };
  // CPU time of this process too: on a machine shared with other jobs, wall time is mostly the neighbours'.
  const cpu = { on: [] as number[], off: [] as number[] };
  for (let i = 0; i < REPETITIONS; i++) {
    // Order swapped every repetition: the second run of a pair inherits the first's heap.
    for (const arm of i % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      const scenario = arm === 'on' ? insiderBrowsing : staffOff;
      const before = process.cpuUsage();
      const { report } = await runScenario(scenario, { seed: 42, homes, duration: '24h', defenses: 'ring-2017' });
      const used = process.cpuUsage(before);
      wall[arm].push(report.wallMs);
      cpu[arm].push((used.user + used.system) / 1000);
    }
  }
  const on = median(wall.on);
  const off = median(wall.off);
  const ratio = on / off;
  const cpuOn = median(cpu.on);
  const cpuOff = median(cpu.off);
  return [
    {
      name: `staff room on vs off, CPU time, ${homes.toLocaleString('en-US')} homes, 24 h (median of ${REPETITIONS} each)`,
      value: cpuOn / 1000,
      unit: 's cpu',
      baseline: cpuOff / 1000,
      ratio: cpuOn / cpuOff,
      target: `<= ${TARGET_RATIO}x the same day without staff`,
      met: cpuOn / cpuOff <= TARGET_RATIO,
    },
    {
      name: `staff room on vs off, ${homes.toLocaleString('en-US')} homes, 24 h (median of ${REPETITIONS} each)`,
      value: on / 1000,
      unit: 's wall',
      baseline: off / 1000,
      ratio,
      target: `<= ${TARGET_RATIO}x the same day without staff`,
      met: ratio <= TARGET_RATIO,
    },
  ];
}
