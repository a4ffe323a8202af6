import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../simulator/cli/output-files.js';
import { formatNumber, renderTable } from '../simulator/metrics/render-text.js';
import { benchBaselineSpeed } from './baseline-speed.js';
import type { BenchResult } from './bench-result.js';
import { benchCliStartup } from './cli-startup.js';
import { benchDataLifecycle } from './data-lifecycle.js';
import { benchDeviceMemory } from './device-memory.js';
import { benchEventLogShare } from './event-log-share.js';
import { benchFlagship, FLAGSHIP_WALL } from './flagship.js';
import { benchLoginPipeline } from './login-pipeline.js';
import { benchMqttPath } from './mqtt-path.js';
import { benchSweepWorkers } from './sweep-workers.js';
import { benchWireLimits } from './wire-limits.js';
import { benchStaffOverhead } from './staff-overhead.js';
import { benchBrokerDosLatency } from './broker-dos-latency.js';

/**
 * `npm run bench`: speed and memory goals, each reported as a ratio against a baseline
 * measured in the same run (absolute figures on a shared 2-core machine are noise).
 * `--only name,name` runs a subset; results also go to reports/bench.json.
 */
const BENCHES: Record<string, () => Promise<BenchResult[]>> = {
  'mqtt-path': () => benchMqttPath(),
  baseline: () => benchBaselineSpeed(),
  memory: () => benchDeviceMemory(),
  login: async () => (await benchLoginPipeline()).flatMap(withLoginTargets),
  flagship: async () => (await benchFlagship()).map(withFlagshipTarget),
  'wire-limits': () => benchWireLimits(),
  'sweep-workers': () => benchSweepWorkers(),
  'cli-startup': async () => benchCliStartup(),
  'staff-overhead': () => benchStaffOverhead(Number(process.env.STAFF_BENCH_HOMES ?? 10_000)),
  'data-lifecycle': () => benchDataLifecycle(),
  'event-log-share': () => benchEventLogShare(),
  'broker-dos-latency': () => benchBrokerDosLatency(),
};

/**
 * Issue 18 (judged): the login pipeline ≥ 0.40x the bare look-up-and-verify loop on the
 * flagship's mix and ≥ 0.25x with every check run, same run. Issue 3's target (≥ 1 M
 * attempts/s and ≥ 0.25x, on both cases) is still shown, on a row of its own, with whether
 * it holds; an absolute rate on a shared machine is noise, so it is not the one judged.
 */
const LOGIN_TARGETS: Record<string, number> = { 'login.pipeline.all': 0.25, 'login.pipeline.all-defaults-solving': 0.4 };
function withLoginTargets(r: BenchResult): BenchResult[] {
  const ratio = LOGIN_TARGETS[r.name];
  if (ratio === undefined || r.ratio === undefined) return [r];
  const issue3 = r.value >= 1_000_000 && r.ratio >= 0.25;
  return [
    { ...r, target: `>= ${ratio.toFixed(2)}x the bare loop (issue 18)`, met: r.ratio >= ratio },
    { name: `${r.name} (issue 3's target, superseded)`, value: r.value, unit: r.unit, target: `>= 1,000,000/s and >= 0.25x: ${issue3 ? 'met' : 'not met'}` },
  ];
}

/**
 * Issue 18 replaced issue 3's absolute ≤ 5 s (noise on these machines) with ratios measured
 * in the same run: the flagship at most 1.6x the same town's day without the attack (and at
 * most 5x the bare event floor, judged in flagship.ts).
 */
function withFlagshipTarget(r: BenchResult): BenchResult {
  return r.name.startsWith(FLAGSHIP_WALL) && r.ratio !== undefined ? { ...r, target: '<= 1.6x the town (issue 18)', met: r.ratio <= 1.6 } : r;
}

const { values } = parseArgs({ options: { only: { type: 'string' }, json: { type: 'string', default: 'reports/bench.json' } } });
const selected = values.only ? values.only.split(',') : Object.keys(BENCHES);
for (const name of selected) {
  if (!BENCHES[name]) {
    console.error(`bench: --only: unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
}

// When and on how busy a machine: the README's table (bench/markdown-table.ts) prints both.
const startedAt = new Date().toISOString();
const loadAverage = loadavg();
const results: BenchResult[] = [];
for (const name of selected) {
  process.stderr.write(`bench: ${name}…\n`);
  results.push(...(await BENCHES[name]!()));
}

const rows = results.map((r) => [
  r.name,
  `${formatNumber(Number(r.value.toPrecision(4)))} ${r.unit}`,
  r.baseline === undefined ? '' : formatNumber(Number(r.baseline.toPrecision(4))),
  r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`,
  r.target ?? '',
  r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
]);
console.log(renderTable(['benchmark', 'value', 'baseline', 'ratio', 'target', ''], rows, [1, 2, 3]));
writeFileAtomic(values.json!, `${JSON.stringify({ node: process.version, startedAt, loadAverage, results }, null, 2)}\n`);
console.log(`\nwrote ${values.json}`);
