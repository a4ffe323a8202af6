import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'smarthome-sim-data-bad-'));

/** Bad parameters of the data lifecycle: exit 2 naming the field and the value, nothing written. */
const CASES: Array<{ args: string[]; mentions: string[] }> = [
  { args: ['run', 'deletion-request', '--defenses', 'retention', '--set', 'retention.voiceTtlMs=-1'], mentions: ['retention.voiceTtlMs', '-1'] },
  { args: ['run', 'deletion-request', '--set', 'household.childProfileShare=2'], mentions: ['household.childProfileShare', '2'] },
  { args: ['run', 'child-profiles', '--set', 'keepShare=lots'], mentions: ['keepShare', 'lots'] },
  { args: ['run', 'child-profiles', '--defenses', 'inactive-child-purge', '--set', 'inactive-child-purge.sweepEveryMs=100d'], mentions: ['inactive-child-purge.sweepEveryMs', 'purgeWithinMs'] },
  { args: ['run', 'algorithmic-disgorgement', '--defenses', 'disgorgement', '--set', 'disgorgement.auditEveryMs=0'], mentions: ['disgorgement.auditEveryMs', '0'] },
];

describe('bad data-lifecycle input', () => {
  for (const { args, mentions } of CASES) {
    it(`${args.join(' ')} → exit 2 naming ${mentions.join(' and ')}`, async () => {
      const json = join(dir, `${args.join('_').replace(/[^\w]/g, '_')}.json`);
      const result = await runCli([...args, '--homes', '2', '--duration', '1d', '--json', json]);
      expect(result.code).toBe(2);
      for (const m of mentions) expect(result.stderr).toContain(m);
      expect(existsSync(json)).toBe(false);
    });
  }
});
