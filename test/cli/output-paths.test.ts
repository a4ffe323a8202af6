import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectRefused, filesUnder, runCli } from './run-cli.js';

/** A fresh, empty output directory per case. */
const fresh = () => mkdtempSync(join(tmpdir(), 'smarthome-sim-out-'));
const TINY = ['--homes', '3', '--duration', '1h'];
const SWEEP = ['sweep', 'baseline', '--seeds', '2', ...TINY];

describe('output paths are checked before any work (exit 2, one line, nothing written)', () => {
  it('refuses a path under a regular file', async () => {
    const dir = fresh();
    const result = await runCli([...SWEEP, '--json', join(dir, 'r.json'), '--csv', '/etc/passwd/x.csv']);
    expectRefused(result, ['--csv', '/etc/passwd/x.csv', 'not a directory'], dir);
    expect(result.stdout).toBe(''); // not one run started
  });

  it('refuses a directory as the path', async () => {
    const dir = fresh();
    const target = join(dir, 'report.json');
    mkdirSync(target);
    const result = await runCli(['run', 'baseline', ...TINY, '--json', target]);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual([`smarthome-sim: --json: cannot write "${target}": it is a directory`]);
    expect(filesUnder(dir)).toEqual(['report.json']); // the directory itself, and nothing in it
  });

  it('refuses a path under /proc, /sys or /dev', async () => {
    const dir = fresh();
    const result = await runCli([...SWEEP, '--csv', join(dir, 'r.csv'), '--html', '/proc/self/report.html']);
    expectRefused(result, ['--html', '/proc/self/report.html'], dir);
    const dev = await runCli(['run', 'baseline', ...TINY, '--json', '/dev/shm/report.json']);
    expectRefused(dev, ['--json', '/dev/shm/report.json'], dir);
  });

  it('refuses two flags naming the same file', async () => {
    const dir = fresh();
    // One file under two names: the .html name is a link to the .json file.
    symlinkSync('r.json', join(dir, 'r.html'));
    const result = await runCli([...SWEEP, '--json', join(dir, 'r.json'), '--html', join(dir, 'r.html')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual([`smarthome-sim: --html: "${join(dir, 'r.html')}" is the same file as --json; give each output its own file`]);
    expect(filesUnder(dir)).toEqual(['r.html']); // only the link the test made
  });

  it('refuses a bad --credentials-file before serve listens', async () => {
    const dir = fresh();
    const result = await runCli(['serve', '--port', '0', '--ws-port', '0', '--homes', '1', '--credentials-file', '/etc/passwd/c.json']);
    expectRefused(result, ['--credentials-file', '/etc/passwd/c.json'], dir);
    expect(result.stdout).not.toContain('mqtt');
  });

  it('writes every output, in directories it creates, and no temporary file', async () => {
    const dir = fresh();
    const json = join(dir, 'new', 'deeper', 'r.json');
    const csv = join(dir, 'new', 'r.csv');
    const html = join(dir, 'r.html');
    const result = await runCli([...SWEEP, '--json', json, '--csv', csv, '--html', html]);
    expect(result.code, result.stderr).toBe(0);
    expect(filesUnder(dir).sort()).toEqual(['new', 'new/deeper', 'new/deeper/r.json', 'new/r.csv', 'r.html']);
    expect(JSON.parse(readFileSync(json, 'utf8')).kind).toBe('sweep');
  });
});

describe('durations must be whole milliseconds, for every command', () => {
  it('serve --duration 0.1ms exits 2 before anything listens', async () => {
    const dir = fresh();
    const result = await runCli(['serve', '--port', '0', '--ws-port', '0', '--homes', '1', '--duration', '0.1ms', '--credentials-file', join(dir, 'c.json')]);
    expectRefused(result, ['--duration', '0.1ms'], dir);
    expect(result.stdout).not.toContain('mqtt');
  });

  it('run --duration 1.0005s exits 2', async () => {
    const dir = fresh();
    const result = await runCli(['run', 'baseline', '--homes', '3', '--duration', '1.0005s', '--json', join(dir, 'r.json')]);
    expectRefused(result, ['--duration', '1.0005s'], dir);
  });
});
