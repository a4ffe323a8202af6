import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'smarthome-sim-run-'));

async function runBaseline(seed: number, name: string) {
  const file = join(dir, `${name}.json`);
  const result = await runCli(['run', 'baseline', '--seed', String(seed), '--homes', '40', '--duration', '12h', '--json', file]);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout.split('\n')[0]).toBe(`smarthome-sim run baseline  seed=${seed}  homes=40  duration=12h`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('smarthome-sim run baseline is a pure function of its seed', () => {
  it('gives byte-identical metrics and the same event-log hash for the same seed, and another hash for another seed', async () => {
    const first = await runBaseline(42, 'a');
    const second = await runBaseline(42, 'b');
    const other = await runBaseline(43, 'c');
    expect(first.schemaVersion).toBe(1);
    expect(first.metrics['messages.events']).toBeGreaterThan(0);
    expect(first.metrics['logins.attempts']).toBeGreaterThan(0);
    expect(JSON.stringify(second.metrics)).toBe(JSON.stringify(first.metrics));
    expect(second.eventLog).toEqual(first.eventLog);
    expect(other.eventLog.sha256).not.toBe(first.eventLog.sha256);
  });
});

describe('smarthome-sim run under a hardened node', () => {
  // The event log compiles its listener events' builders (event-factory.ts); where code
  // generation from strings is disallowed it must fall back, not fail or change a number.
  it('gives the same report with code generation from strings disallowed', async () => {
    const run = async (name: string, nodeFlags: string[]) => {
      const file = join(dir, `${name}.json`);
      const args = ['run', 'credential-stuffing', '--seed', '5', '--homes', '40', '--duration', '6h', '--defenses', 'all', '--json', file];
      const result = await runCli(args, 120_000, nodeFlags);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(readFileSync(file, 'utf8'));
    };
    const plain = await run('plain', []);
    const hardened = await run('hardened', ['--disallow-code-generation-from-strings']);
    expect(plain.metrics['attack.attempts']).toBeGreaterThan(0);
    expect(JSON.stringify(hardened.metrics)).toBe(JSON.stringify(plain.metrics));
    expect(hardened.eventLog).toEqual(plain.eventLog);
  });
});
