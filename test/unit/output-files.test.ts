import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputPath, checkOutputPaths, OutputWriteError, writeFileAtomic, writeOutputsAtomic } from '../../simulator/cli/output-files.js';
import { InputError } from '../../simulator/runner/input-error.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'smarthome-sim-files-'));
const all = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

describe('checkOutputPath', () => {
  it('accepts a new file in a directory that exists or can be made', () => {
    const dir = fresh();
    expect(() => checkOutputPath('json', join(dir, 'r.json'), '.json')).not.toThrow();
    expect(() => checkOutputPath('json', join(dir, 'a', 'b', 'r.json'), '.json')).not.toThrow();
    expect(checkOutputPath('json', undefined, '.json')).toBeUndefined();
    expect(all(dir)).toEqual([]); // checking writes nothing
  });

  it('names the flag and the path for each kind of impossible target', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'file'), 'x');
    mkdirSync(join(dir, 'd.json'));
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'file', 'r.json'), /is a file, not a directory/],
      [join(dir, 'file', 'deeper', 'r.json'), /is a file, not a directory/],
      [join(dir, 'd.json'), /it is a directory/],
      ['/proc/self/r.json', /under \/proc/],
      ['/sys/r.json', /under \/proc, \/sys, \/dev/],
      ['/dev/shm/r.json', /under \/proc, \/sys, \/dev/],
    ];
    for (const [path, why] of cases) {
      expect(() => checkOutputPath('json', path, '.json')).toThrow(InputError);
      expect(() => checkOutputPath('json', path, '.json')).toThrow(`--json: cannot write "${path}"`);
      expect(() => checkOutputPath('json', path, '.json')).toThrow(why);
    }
    expect(() => checkOutputPath('csv', join(dir, 'r.json'), '.csv')).toThrow(/--csv: expected a \.csv file/);
    expect(() => checkOutputPath('csv', '', '.csv')).toThrow(/--csv: expected a file path/);
  });
});

describe('checkOutputPaths', () => {
  it('refuses two flags naming one file, also through a link to a file not yet written', () => {
    const dir = fresh();
    symlinkSync('r.json', join(dir, 'r.html'));
    expect(() => checkOutputPaths([
      { flag: 'json', path: join(dir, 'r.json'), extension: '.json' },
      { flag: 'html', path: join(dir, 'r.html'), extension: '.html' },
    ])).toThrow('--html: "' + join(dir, 'r.html') + '" is the same file as --json');
    expect(() => checkOutputPaths([
      { flag: 'json', path: join(dir, 'r.json'), extension: '.json' },
      { flag: 'csv', path: join(dir, 'r.csv'), extension: '.csv' },
      { flag: 'html', path: undefined, extension: '.html' },
    ])).not.toThrow();
  });
});

describe('writeOutputsAtomic', () => {
  it('writes every file, making directories, leaving no temporary file', () => {
    const dir = fresh();
    writeOutputsAtomic([{ path: join(dir, 'a.json'), contents: 'A' }, { path: join(dir, 'sub', 'b.csv'), contents: 'B' }]);
    expect(all(dir)).toEqual(['a.json', 'sub', 'sub/b.csv']);
    expect(readFileSync(join(dir, 'sub', 'b.csv'), 'utf8')).toBe('B');
    writeFileAtomic(join(dir, 'a.json'), 'A2');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('A2');
  });

  it('writes none when one cannot be written: no output, no temporary file, no directory it made', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'blocker'), 'x');
    const write = () => writeOutputsAtomic([
      { path: join(dir, 'made', 'a.json'), contents: 'A' },
      { path: join(dir, 'blocker', 'b.csv'), contents: 'B' },
    ]);
    expect(write).toThrow(OutputWriteError);
    expect(write).toThrow(/cannot write .*blocker/);
    expect(all(dir)).toEqual(['blocker']);
  });
});
