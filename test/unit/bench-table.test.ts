import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The README's benchmark table is rendered from a bench result file (bench/markdown-table.ts). */
const SCRIPT = join(import.meta.dirname, '../../bench/markdown-table.ts');
const render = (path: string) => spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, path], { encoding: 'utf8' });

describe('bench:table', () => {
  it('renders every result as a row with its figure, ratio and verdict, and escapes pipes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-table-'));
    const path = join(dir, 'bench.json');
    writeFileSync(path, JSON.stringify({
      node: 'v20.0.0',
      startedAt: '2026-12-04T03:45:34.000Z',
      loadAverage: [1.5, 2, 3],
      results: [
        { name: 'a | b', value: 1234.5678, unit: 'msg/s', baseline: 1000, ratio: 1.2345, target: '>= 0.9x', met: true },
        { name: 'flagship over the floor', value: 10.62, unit: 'x', baseline: 1173, ratio: 10.62, target: '<= 5x', met: false },
        { name: 'plain', value: 3, unit: 'runs' },
      ],
    }));
    const out = render(path);
    expect(out.status).toBe(0);
    const rows = out.stdout.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| benchmark'));
    expect(rows).toEqual([
      '| a \\| b | 1,235 msg/s | 1,000 | 1.23× | >= 0.9x | met |',
      '| flagship over the floor | 10.62 x | 1,173 | 10.62× | <= 5x | **missed** |',
      '| plain | 3 runs |  |  |  |  |',
    ]);
    expect(out.stdout).toContain('2026-12-04T03:45:34.000Z, Node v20.0.0, load average 1.50 / 2.00 / 3.00');
  });

  it('exits 2 naming the file when it cannot be read', () => {
    const out = render('/nonexistent/bench.json');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('"/nonexistent/bench.json"');
  });
});
