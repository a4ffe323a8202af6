import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'smarthome-sim-staff-bad-'));

/** Issue 14: an unknown role, a negative shift, a consent share outside 0–1 → exit 2 naming the field, nothing written. */
const CASES: Array<{ args: string[]; mentions: string[] }> = [
  { args: ['--set', 'insider.role=janitor'], mentions: ['insider.role', 'janitor'] },
  { args: ['--set', 'staff.janitor=2'], mentions: ['staff.janitor'] },
  { args: ['--set', 'staff.shiftHours=-8'], mentions: ['staff.shiftHours', '-8'] },
  { args: ['--set', 'staff.ticketConsentShare=1.5'], mentions: ['staff.ticketConsentShare', '1.5'] },
  { args: ['--set', 'staff.reviewOptInShare=-0.1'], mentions: ['staff.reviewOptInShare', '-0.1'] },
  { args: ['--set', 'staff.support=0'], mentions: ['staff.support', '0'] },
];

describe('insider-browsing bad input', () => {
  for (const { args, mentions } of CASES) {
    it(`${args.join(' ')} → exit 2 naming ${mentions.join(' and ')}`, async () => {
      const json = join(dir, `${args.join('_').replace(/[^\w]/g, '_')}.json`);
      const result = await runCli(['run', 'insider-browsing', '--homes', '5', '--duration', '1h', ...args, '--json', json]);
      expect(result.code, result.stderr).toBe(2);
      for (const m of mentions) expect(result.stderr).toContain(m);
      expect(existsSync(json)).toBe(false);
    });
  }
});
