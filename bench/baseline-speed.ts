import baseline from '../scenarios/baseline.js';
import { runScenario } from '../simulator/runner/run-scenario.js';
import type { BenchResult } from './bench-result.js';

/**
 * Simulated seconds per wall second for a normal day (`run baseline`), including building the
 * town and connecting every device. Real time is the baseline (ratio = speed-up).
 */
export async function benchBaselineSpeed(homesList: readonly number[] = [1_000, 10_000]): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const homes of homesList) {
    const { report } = await runScenario(baseline, { seed: 42, homes, duration: '24h' });
    const speed = report.simulatedSeconds / (report.wallMs / 1000);
    const target = homes >= 10_000 ? 10_000 : undefined;
    results.push({
      name: `baseline 24 h, ${homes.toLocaleString('en-US')} homes (${report.transport} transport, ${report.eventLog.events.toLocaleString('en-US')} events)`,
      value: speed,
      unit: 'simulated s / wall s',
      baseline: 1,
      ratio: speed,
      target: target ? `>= ${target.toLocaleString('en-US')}x real time` : undefined,
      met: target ? speed >= target : undefined,
    });
  }
  return results;
}
