import type { MessagePort } from 'node:worker_threads';
import { runCell, type CellResult, type SweepCell } from '../runner/sweep.js';
import { loadScenario } from './scenario-loader.js';

/** A task for one worker thread of the sweep pool (worker-pool.ts). */
export interface PoolTask {
  /** A built-in scenario's name or the absolute path of a scenario file, loaded here as the CLI loads it. */
  scenario: string;
  cell: SweepCell;
  /** The run's progress goes back on this port, as fractions 0–1. */
  progress: MessagePort;
}

/** Fraction steps between progress messages: enough for a smooth bar, few enough to cost nothing. */
const PROGRESS_STEP = 0.01;

/** Piscina calls the default export once per task, in a worker thread. */
export default async function runPoolTask({ scenario, cell, progress }: PoolTask): Promise<CellResult> {
  let sent = 0;
  try {
    return await runCell(await loadScenario(scenario), cell, (fraction) => {
      if (fraction - sent < PROGRESS_STEP) return;
      sent = fraction;
      progress.postMessage(fraction);
    });
  } finally {
    progress.close();
  }
}
