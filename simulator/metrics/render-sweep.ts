import { formatDurationMs } from '../core/duration.js';
import type { SweepResult } from './sweep-result.js';
import { renderTable } from './render-text.js';
import type { Summary } from './statistics.js';
import { formatValue, SWEEP_TABLE_METRICS, type MetricFormat } from './sweep-metrics.js';

/** `mean ± ci` for a cell; `—` when no run had the metric; `(n=k)` when only some did. */
export function formatCell(summary: Summary | null | undefined, runs: number, format: MetricFormat): string {
  if (!summary) return '—';
  const text = summary.n > 1 ? `${formatValue(summary.mean, format)} ± ${formatValue(summary.ci95, format)}` : formatValue(summary.mean, format);
  return summary.n < runs ? `${text} (n=${summary.n})` : text;
}

/** The comparison table `smarthome-sim sweep` prints: one row per metric, one column per defence set. */
export function renderSweepTable(result: SweepResult): string {
  const header = ['metric', ...result.sets.map((s) => s.defenses)];
  const rows = SWEEP_TABLE_METRICS.filter((m) => result.sets.some((s) => m.name in s.summary)).map((m) => [
    m.label,
    ...result.sets.map((s) => formatCell(s.summary[m.name], s.runs.length, m.format)),
  ]);
  return [
    `${result.scenario} · ${result.homes.toLocaleString('en-US')} homes · ${formatDurationMs(result.durationMs)} · ${result.seeds.length} seeds · mean ± 95% CI (Student t)`,
    '',
    renderTable(header, rows),
  ].join('\n');
}

/** Long-format CSV of the summaries: one row per defence set × metric (every metric, not only the table's). */
export function sweepToCsv(result: SweepResult): string {
  const lines = ['scenario,defenses,metric,n,mean,ci95,sd,min,max'];
  for (const set of result.sets) {
    for (const [metric, s] of Object.entries(set.summary)) {
      const cells = s ? [s.n, s.mean, s.ci95, s.sd, s.min, s.max].map(csvNumber) : ['0', '', '', '', '', ''];
      lines.push([csvText(result.scenario), csvText(set.defenses), csvText(metric), ...cells].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

function csvNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
}

function csvText(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
