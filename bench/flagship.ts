import { pathToFileURL } from 'node:url';
import credentialStuffing from '../scenarios/credential-stuffing.js';
import { runScenario } from '../simulator/runner/run-scenario.js';
import type { BenchResult } from './bench-result.js';

/**
 * The flagship run (issue 3): credential stuffing against a 10,000-home town for 24 simulated
 * hours with every login defence on (`--defenses all`) — a combo list of 1,000,000 entries
 * (100 per home), each tried once, plus the retries bot challenges cause. Target: ≤ 5 s wall
 * on a 2-core machine. Reports the wall time, the login requests the attack made and the
 * rate at which the simulation processed them.
 */
export const FLAGSHIP = { seed: 1, homes: 10_000, duration: '24h', defenses: 'all' } as const;

export async function benchFlagship(): Promise<BenchResult[]> {
  const { report } = await runScenario(credentialStuffing, { ...FLAGSHIP });
  const attempts = report.metrics['attack.attempts'] ?? 0;
  const wallS = report.wallMs / 1000;
  return [
    { name: 'flagship: credential-stuffing, 10k homes, 24 h, all defences — wall', value: report.wallMs, unit: 'ms' },
    { name: 'flagship: attacker login requests', value: attempts, unit: 'requests' },
    { name: 'flagship: login requests per wall second', value: Math.round(attempts / wallS), unit: 'req/s' },
    { name: 'flagship: events logged', value: report.eventLog.events, unit: 'events' },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const entry of await benchFlagship()) console.log(`${entry.name}: ${entry.value.toLocaleString('en-US')} ${entry.unit}`);
}
