import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { regressionCases, regressionFiles } from './support/regressions.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

interface Row {
  id: string;
  checkedBy: string;
  status: string;
}

function rows(): Row[] {
  return read('docs/invariants.md')
    .split('\n')
    .filter((line) => line.startsWith('| INV-'))
    .map((line) => {
      const cells = line.split('|').slice(1, -1).map((c) => c.trim());
      return { id: cells[0]!.split(' ')[0]!, checkedBy: cells[2]!, status: cells[3]! };
    });
}

/** INV-ACL-1/2 → INV-ACL-1, INV-ACL-2. */
function idsIn(text: string): string[] {
  return [...text.matchAll(/INV-([A-Z0-9]+)-(\d+(?:\/\d+)*)/g)].flatMap(([, area, nums]) => nums!.split('/').map((n) => `INV-${area}-${n}`));
}

const propertyTests = readdirSync(new URL('test/property/', root)).filter((f) => f.endsWith('.test.ts'));

describe('docs stay true to the suite', () => {
  test('every row of docs/invariants.md names a test file and a test that exist, or is planned', () => {
    const all = rows();
    expect(all.length).toBeGreaterThan(20);
    for (const row of all) {
      if (row.status.startsWith('planned')) {
        expect(row.checkedBy, row.id).toBe('—');
        continue;
      }
      // One test, or several separated by "; " before the next `file` (an invariant checked directly and end to end).
      for (const part of row.checkedBy.split(/; (?=`)/)) {
        const match = /^`([^`]+)` › "(.+)"$/.exec(part);
        expect(match, `${row.id}: "Checked by" must read \`file\` › "test name" (several joined by "; ")`).not.toBeNull();
        const [, file, name] = match!;
        expect(existsSync(new URL(file!, root)), `${row.id}: ${file} does not exist`).toBe(true);
        expect(read(file!), `${row.id}: no test named "${name}" in ${file}`).toContain(name);
      }
    }
  });

  test('every INV id used by a property test, and every regression file, has a row', () => {
    const documented = new Set(rows().map((r) => r.id));
    for (const file of propertyTests) {
      for (const id of idsIn(read(`test/property/${file}`))) expect(documented, `${id} (used in ${file})`).toContain(id);
    }
    for (const file of regressionFiles()) {
      const id = file.replace(/\.json$/, '');
      expect(documented, `regressions/${file}`).toContain(id);
      expect(regressionCases(id).length, `regressions/${file} has no cases`).toBeGreaterThan(0);
    }
  });

  test('the examples in docs/property-testing.md are docs-example.test.ts and docs-toolkit-example.test.ts, byte for byte', () => {
    for (const example of ['docs-example.test.ts', 'docs-toolkit-example.test.ts']) {
      expect(read('docs/property-testing.md'), example).toContain(read(`test/property/${example}`));
    }
  });

  test('no row is left planned: every invariant has a test', () => {
    expect(rows().filter((r) => r.status.startsWith('planned')).map((r) => r.id)).toEqual([]);
  });
});
