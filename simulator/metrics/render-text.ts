import { formatDurationMs } from '../core/duration.js';
import type { RunReport } from './report.js';

/**
 * A plain-text table: text columns left-aligned, numeric columns (by default all but the
 * first) right-aligned. Hand-written: a dozen lines, and its output is stable for tests.
 */
export function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, numericColumns?: readonly number[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = (i: number) => (numericColumns ? numericColumns.includes(i) : i > 0);
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (numeric(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatNumber(value: number | null): string {
  if (value === null) return '—';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** The human summary of one run, as `smarthome-sim run` prints it. */
export function renderRunReport(report: RunReport): string {
  const rows = Object.entries(report.metrics).map(([name, value]) => [name, formatNumber(value)]);
  const speed = report.wallMs > 0 ? Math.round((report.simulatedSeconds * 1000) / report.wallMs) : Infinity;
  return [
    renderTable(['metric', 'value'], rows),
    '',
    `event log: ${report.eventLog.events.toLocaleString('en-US')} events, sha256 ${report.eventLog.sha256}`,
    `simulated ${formatDurationMs(report.durationMs)} in ${(report.wallMs / 1000).toFixed(2)} s wall (${speed.toLocaleString('en-US')}× real time)`,
  ].join('\n');
}
