import { readFileSync } from 'node:fs';
import { formatNumber } from '../simulator/metrics/render-text.js';
import type { BenchResult } from './bench-result.js';

/**
 * `npm run bench:table [reports/bench.json]`: the README's benchmark table, rendered from one
 * `npm run bench` result file, so the table in the README is the run's own output, not figures
 * copied by hand. Prints Markdown to stdout.
 */
interface BenchFile {
  node: string;
  startedAt?: string;
  loadAverage?: number[];
  results: BenchResult[];
}

const path = process.argv[2] ?? 'reports/bench.json';
let file: BenchFile;
try {
  file = JSON.parse(readFileSync(path, 'utf8')) as BenchFile;
} catch (error) {
  console.error(`bench:table: cannot read "${path}": ${(error as Error).message}`);
  process.exit(2);
}
if (!Array.isArray(file.results)) {
  console.error(`bench:table: "${path}" has no results array`);
  process.exit(2);
}

const figure = (n: number): string => formatNumber(Number(n.toPrecision(4)));
/** Table cells may not hold a bare pipe. */
const cell = (s: string): string => s.replace(/\|/g, '\\|');

const load = file.loadAverage ? `, load average ${file.loadAverage.map((l) => l.toFixed(2)).join(' / ')} at the start` : '';
console.log(`From one \`npm run bench\` (${file.startedAt ?? 'date not recorded'}, Node ${file.node}${load}):\n`);
console.log('| benchmark | figure | baseline (same run) | ratio | target | |');
console.log('|---|---|---|---|---|---|');
for (const r of file.results) {
  const met = r.met === undefined ? '' : r.met ? 'met' : '**missed**';
  console.log(`| ${cell(r.name)} | ${figure(r.value)} ${cell(r.unit)} | ${r.baseline === undefined ? '' : figure(r.baseline)} | ${r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`} | ${cell(r.target ?? '')} | ${met} |`);
}
