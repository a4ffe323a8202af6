import type { MetricValue } from './recorder.js';

/** Bumped whenever a field changes meaning or is removed (adding one is compatible). */
export const REPORT_SCHEMA_VERSION = 1;

/** One run's result, as written by `--json` (DESIGN.md, "Report JSON"). */
export interface RunReport {
  schemaVersion: number;
  tool: 'smarthome-sim';
  scenario: string;
  seed: number;
  homes: number;
  /** Defences installed, by switch name, in install order (empty for `none`). */
  defenses: string[];
  /** The defence set as asked for (`none`, `ring-2020`, `lockout,login-alerts`). */
  defenseSpec?: string;
  durationMs: number;
  simulatedSeconds: number;
  transport: 'mqtt' | 'direct';
  params: unknown;
  /** Same inputs → byte-identical metrics. */
  metrics: Record<string, MetricValue>;
  eventLog: { sha256: string; events: number };
  /** Wall-clock time of the run (the only field that varies between identical runs). */
  wallMs: number;
}

/** Stable JSON: the report's own key order, two-space indent, trailing newline. */
export function reportToJson(report: RunReport | RunReport[] | unknown): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
