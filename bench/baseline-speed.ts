import baseline from '../scenarios/baseline.js';
import { runScenario } from '../simulator/runner/run-scenario.js';
import { median, type BenchResult } from './bench-result.js';

/** Repetitions per town size: the machine is shared, and one slow minute must not decide the figure. */
const REPETITIONS = 3;

/**
 * Simulated seconds per wall second for a normal day (`run baseline`), including building the
 * town and connecting every device; the median of three runs. Real time is the baseline
 * (ratio = speed-up). Every repetition must give the same event-log hash (determinism).
 */
export async function benchBaselineSpeed(homesList: readonly number[] = [1_000, 10_000]): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const homes of homesList) {
    const speeds: number[] = [];
    const hashes = new Set<string>();
    let label = '';
    for (let i = 0; i < REPETITIONS; i++) {
      const { report } = await runScenario(baseline, { seed: 42, homes, duration: '24h' });
      speeds.push(report.simulatedSeconds / (report.wallMs / 1000));
      hashes.add(report.eventLog.sha256);
      label = `${report.transport} transport, ${report.eventLog.events.toLocaleString('en-US')} events`;
    }
    if (hashes.size !== 1) throw new Error(`baseline ${homes} homes: repetitions gave different event-log hashes`);
    const speed = median(speeds);
    const target = homes >= 10_000 ? 10_000 : undefined;
    results.push({
      name: `baseline 24 h, ${homes.toLocaleString('en-US')} homes (${label}; median of ${REPETITIONS})`,
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
