import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'smarthome-sim-demo-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** demo and replay refuse bad input with exit 2 and a message naming the flag, before anything listens or runs. */
describe('demo and replay: bad input', () => {
  const cases: Array<[string[], RegExp]> = [
    [['demo', '--http-port', 'x'], /--http-port/],
    [['demo', '--port', '5000', '--http-port', '5000'], /must differ/],
    [['demo', '--groups', 'Red Team'], /--groups: .*"Red Team"/],
    [['demo', '--groups', 'a,a'], /--groups: a name is given twice/],
    [['demo', '--ctf-key', 'short'], /--ctf-key/],
    [['demo', '--scenario', 'nope'], /nope/],
    [['demo', '--defenses', 'no-such-defence'], /no-such-defence/],
    [['replay'], /FILE: expected one replay file, got 0/],
    [['replay', join(dir, 'missing.json')], /FILE: cannot read/],
  ];
  for (const [args, message] of cases) {
    it(`${args.join(' ')} → exit 2`, async () => {
      const result = await runCli(args);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
    });
  }

  it('a replay file of the wrong shape names the field', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ format: 'smarthome-sim-replay/1', scenario: 'baseline', seed: -1, homes: 3, set: [], durationMs: 0, actions: [] }));
    const result = await runCli(['replay', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/seed/);
  });
});
