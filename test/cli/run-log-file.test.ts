import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectRefused, filesUnder, runCli } from './run-cli.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'smarthome-sim-log-'));

describe('smarthome-sim run --log FILE.jsonl', () => {
  it('writes the event log as JSON lines whose SHA-256 is the report\'s event-log hash', async () => {
    const dir = fresh();
    const log = join(dir, 'nested', 'run.jsonl');
    const json = join(dir, 'run.json');
    // An attack with every defence: several event types, more than one 64 KiB hash batch.
    const result = await runCli(['run', 'credential-stuffing', '--seed', '3', '--homes', '30', '--duration', '6h', '--defenses', 'all', '--json', json, '--log', log]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const bytes = readFileSync(log);
    expect(bytes.length).toBeGreaterThan(1 << 16);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(report.eventLog.sha256);
    const lines = bytes.toString('utf8').split('\n');
    expect(lines.pop()).toBe(''); // every line ends with a newline
    expect(lines).toHaveLength(report.eventLog.events);
    const events = lines.map((line) => JSON.parse(line) as { t: number; seq: number; type: string });
    expect(events[0]).toMatchObject({ t: 0, seq: 0, type: 'world.start', seed: 3, homes: 30 });
    expect(events.at(-1)!.type).toBe('world.end');
    expect(events.filter((e) => e.type === 'cloud.login').length).toBeGreaterThan(0);
    expect(result.stdout).toContain(`wrote ${log} (${report.eventLog.events.toLocaleString('en-US')} events, sha256 ${report.eventLog.sha256})`);
    expect(filesUnder(dir).sort()).toEqual(['nested', join('nested', 'run.jsonl'), 'run.json']); // no .tmp left behind
  }, 120_000);

  it('refuses a file that is not .jsonl before any work (exit 2, nothing written)', async () => {
    const dir = fresh();
    const result = await runCli(['run', 'baseline', '--homes', '3', '--duration', '1h', '--log', join(dir, 'run.json')]);
    expectRefused(result, ['--log', 'run.json', '.jsonl'], dir);
    expect(result.stdout).toBe('');
  });

  it('refuses the same file for --json and --log', async () => {
    const dir = fresh();
    const result = await runCli(['run', 'baseline', '--homes', '3', '--duration', '1h', '--json', join(dir, 'a.json'), '--log', join(dir, 'a.json')]);
    expectRefused(result, ['--log'], dir);
  });
});
