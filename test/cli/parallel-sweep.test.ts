import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectRefused, runCli } from './run-cli.js';

/** Everything a sweep prints but its wall time and the names of the files it wrote. */
const withoutWall = (stdout: string) => stdout.replace(/\n\d+ runs of .* wall\n/, '\n').replace(/^wrote .*\n/gm, '');

/** A sweep's JSON without wall times, which are the only thing allowed to differ between runs. */
function withoutWallMs(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'), (key, value) => (key === 'wallMs' ? undefined : value));
}

const SWEEP = ['sweep', 'credential-stuffing', '--defenses', 'none,2fa-mandatory', '--seeds', '3', '--homes', '30', '--duration', '1h'];

describe('sweep --workers: the pool gives the serial sweep', () => {
  it('same table and same per-run metrics and hashes on 1 and 3 workers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smarthome-sim-pool-'));
    const serial = await runCli([...SWEEP, '--workers', '1', '--json', join(dir, 'serial.json')]);
    const pooled = await runCli([...SWEEP, '--workers', '3', '--json', join(dir, 'pooled.json')]);
    expect(serial.code, serial.stderr).toBe(0);
    expect(pooled.code, pooled.stderr).toBe(0);
    expect(serial.stdout).toContain('accounts taken over');
    expect(withoutWall(pooled.stdout)).toBe(withoutWall(serial.stdout));
    const serialJson = withoutWallMs(join(dir, 'serial.json')) as { sets: Array<{ runs: Array<{ eventLog: { sha256: string } }> }> };
    expect(withoutWallMs(join(dir, 'pooled.json'))).toEqual(serialJson);
    expect(new Set(serialJson.sets.flatMap((s) => s.runs.map((r) => r.eventLog.sha256))).size).toBe(6);
  });

  it("runs a user's scenario file on the workers as in the CLI", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smarthome-sim-pool-user-'));
    const file = join(dir, 'counting.ts');
    writeFileSync(
      file,
      `import { defineScenario } from 'smarthome-sim';
export default defineScenario({
  name: 'counting',
  summary: 'Counts motion',
  defaults: { homes: 4, duration: '1h' },
  setup({ sim }) { sim.recorder.count('device.motion', 'events.motion'); },
});
`,
    );
    const args = ['sweep', file, '--defenses', 'none', '--seeds', '2'];
    const serial = await runCli([...args, '--workers', '1', '--json', join(dir, 'serial.json')]);
    const pooled = await runCli([...args, '--workers', '2', '--json', join(dir, 'pooled.json')]);
    expect(pooled.code, pooled.stderr).toBe(0);
    expect(serial.code, serial.stderr).toBe(0);
    expect(withoutWallMs(join(dir, 'pooled.json'))).toEqual(withoutWallMs(join(dir, 'serial.json')));
  });

  it('refuses --workers 0 before any work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smarthome-sim-pool-bad-'));
    expectRefused(await runCli([...SWEEP, '--workers', '0', '--json', join(dir, 'out.json')]), ['--workers', '"0"'], dir);
  });
});
