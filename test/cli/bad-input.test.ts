import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'smarthome-sim-bad-'));

/** Each bad input: exit 2, a message naming the field and the value, no report written. */
const CASES: Array<{ args: string[]; mentions: string[] }> = [
  { args: ['run', 'baseline', '--homes', 'abc'], mentions: ['--homes', 'abc'] },
  { args: ['run', 'baseline', '--homes', '0'], mentions: ['--homes', '0'] },
  { args: ['run', 'baseline', '--seed=-3'], mentions: ['--seed', '-3'] },
  { args: ['run', 'baseline', '--seed', '1.5'], mentions: ['--seed', '1.5'] },
  { args: ['run', 'baseline', '--duration', '24x'], mentions: ['--duration', '24x'] },
  { args: ['run', 'baseline', '--transport', 'carrier-pigeon'], mentions: ['--transport', 'carrier-pigeon'] },
  { args: ['run', 'baseline', '--set', 'doorbell.motionPerDay=-1'], mentions: ['doorbell.motionPerDay', '-1'] },
  { args: ['run', 'baseline', '--set', 'doorbell.motionPerDay=lots'], mentions: ['doorbell.motionPerDay', 'lots'] },
  { args: ['run', 'baseline', '--set', 'doorbell.nope=1'], mentions: ['doorbell.nope'] },
  { args: ['run', 'baseline', '--set', 'novalue'], mentions: ['--set', 'novalue'] },
  { args: ['run', 'no-such-scenario'], mentions: ['no-such-scenario'] },
  { args: ['run', './missing-file.ts'], mentions: ['missing-file.ts'] },
  { args: ['run', 'baseline', '--bogus'], mentions: ['--bogus'] },
  { args: ['frobnicate'], mentions: ['frobnicate'] },
];

describe('bad input', () => {
  for (const { args, mentions } of CASES) {
    it(`${args.join(' ')} → exit 2 naming ${mentions.join(' and ')}`, async () => {
      const json = join(dir, `${args.join('_').replace(/[^\w]/g, '_')}.json`);
      const result = await runCli([...args, '--json', json]);
      expect(result.code).toBe(2);
      for (const m of mentions) expect(result.stderr).toContain(m);
      expect(existsSync(json)).toBe(false);
    });
  }

  it('--help on every command exits 0 and documents the flags', async () => {
    for (const command of ['list', 'run']) {
      const result = await runCli([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: smarthome-sim ${command}`);
    }
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Commands:');
  });
});
