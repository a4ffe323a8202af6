import { describe, expect, it } from 'vitest';
import type { SweepProgress } from '../../simulator/runner/sweep.js';

/**
 * The pool's worker is compiled JavaScript, so the pool and the sweep it feeds come from dist/
 * (the global setup builds it), as in the CLI.
 */
const dist = (path: string) => new URL(`../../dist/${path}`, import.meta.url).href;

describe('sweep --workers: one progress count across the workers', () => {
  it('counts every run once, never goes back, and ends at the run count', async () => {
    const { runSweep } = (await import(dist('simulator/runner/sweep.js'))) as typeof import('../../simulator/runner/sweep.js');
    const { WorkerPool } = (await import(dist('simulator/cli/worker-pool.js'))) as typeof import('../../simulator/cli/worker-pool.js');
    const { builtInScenario } = (await import(dist('scenarios/index.js'))) as typeof import('../../scenarios/index.js');
    const scenario = builtInScenario('credential-stuffing', (m) => new Error(m));
    const seen: SweepProgress[] = [];
    const pool = new WorkerPool(2);
    try {
      await runSweep(scenario, {
        defenseSets: ['none', 'lockout'],
        seeds: [1, 2],
        homes: 20,
        duration: '1h',
        executor: pool.executorFor('credential-stuffing'),
        onProgress: (p) => seen.push(p),
      });
    } finally {
      await pool.close();
    }
    expect(seen.length).toBeGreaterThanOrEqual(4);
    for (const [i, p] of seen.entries()) {
      expect(p.runs).toBe(4);
      expect(p.done).toBeGreaterThanOrEqual(p.finished);
      expect(p.done).toBeLessThanOrEqual(p.runs);
      if (i === 0) continue;
      expect(p.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
      expect(p.finished - seen[i - 1]!.finished).toBeGreaterThanOrEqual(0);
      expect(p.finished - seen[i - 1]!.finished).toBeLessThanOrEqual(1);
    }
    // Each run's result is announced once: the finished count steps 1, 2, 3, 4.
    expect([...new Set(seen.map((p) => p.finished))].filter((n) => n > 0)).toEqual([1, 2, 3, 4]);
    expect(seen.at(-1)).toMatchObject({ done: 4, finished: 4 });
    // Every cell reported its own finish, under its own labels.
    const finishedCells = seen.filter((p, i) => p.finished > (seen[i - 1]?.finished ?? 0)).map((p) => `${p.defenses}/${p.seed}`);
    expect(finishedCells.sort()).toEqual(['lockout/1', 'lockout/2', 'none/1', 'none/2']);
  });
});
