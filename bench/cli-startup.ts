import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- plain JavaScript without types (scripts/ runs before anything is compiled)
import { buildIfStale } from '../scripts/build-if-stale.mjs';
import { median, secondsSince, type BenchResult } from './bench-result.js';

/**
 * Issue 18: the CLI starts at once. Wall time of `smarthome-sim --help` and of a 10-home,
 * 1-hour run, each a fresh process as a user starts it (compiled dist/), against a bare
 * `node -e 0` in the same run; the issue's targets are ≤ 0.3 s and ≤ 1 s.
 */
const BIN = fileURLToPath(new URL('../bin/smarthome-sim.js', import.meta.url));
const REPETITIONS = 5;

function wallMs(args: readonly string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cli-startup: node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return secondsSince(started) * 1000;
}

const medianMs = (args: readonly string[]) => median(Array.from({ length: REPETITIONS }, () => wallMs(args)));

export function benchCliStartup(): BenchResult[] {
  (buildIfStale as () => boolean)();
  const bare = medianMs(['-e', '0']);
  const help = medianMs([BIN, '--help']);
  const run = medianMs([BIN, 'run', 'baseline', '--homes', '10', '--duration', '1h']);
  const round = (x: number) => Number(x.toFixed(2));
  return [
    { name: `cli: bare \`node -e 0\` — wall (median of ${REPETITIONS})`, value: Math.round(bare), unit: 'ms' },
    { name: `cli: \`smarthome-sim --help\` — wall (median of ${REPETITIONS})`, value: Math.round(help), unit: 'ms', baseline: Math.round(bare), ratio: round(help / bare), target: '<= 0.3 s (issue 18)', met: help <= 300 },
    { name: `cli: \`run baseline --homes 10 --duration 1h\` — wall (median of ${REPETITIONS})`, value: Math.round(run), unit: 'ms', baseline: Math.round(bare), ratio: round(run / bare), target: '<= 1 s (issue 18)', met: run <= 1000 },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const entry of benchCliStartup()) console.log(`${entry.name}: ${entry.value.toLocaleString('en-US')} ${entry.unit}${entry.ratio === undefined ? '' : ` (${entry.ratio}x)`}`);
}
