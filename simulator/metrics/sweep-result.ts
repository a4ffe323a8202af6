import type { MetricValue } from './recorder.js';
import type { Summary } from './statistics.js';

/** A sweep's results as the runner produces them and the renderers and `--json` read them. */

export interface SweepRun {
  seed: number;
  metrics: Record<string, MetricValue>;
  eventLog: { sha256: string; events: number };
  wallMs: number;
}

export interface SweepSet {
  /** The set as named on the command line. */
  defenses: string;
  /** Switches it installs, in install order. */
  installed: string[];
  runs: SweepRun[];
  /** Per metric: mean ± 95 % CI over the seeds (null when no run had a value). */
  summary: Record<string, Summary | null>;
}

export interface SweepResult {
  schemaVersion: number;
  tool: 'smarthome-sim';
  kind: 'sweep';
  scenario: string;
  homes: number;
  durationMs: number;
  transport: string;
  seeds: number[];
  /** Parameters common to every run (the first run's world and scenario parameters, defences aside). */
  params: unknown;
  sets: SweepSet[];
  wallMs: number;
}
