import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const SCRIPT = 'scripts/test-prerequisites.mjs';

function prerequisites(args: string[], extra?: string) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [SCRIPT, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SMARTHOME_SIM_EXTRA_PREREQUISITES: extra ?? '' },
    timeout: 30_000,
  });
  return { ...result, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

describe('npm test brings its own Debian packages (scripts/test-prerequisites.mjs)', () => {
  it('passes at once when every required program is installed', () => {
    const result = prerequisites(['--check']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('stops in seconds, naming the package and the exact command, when a program is missing and it may not install', () => {
    const result = prerequisites(['--check'], 'smarthome-sim-no-such-package:smarthome-sim-no-such-program');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('smarthome-sim-no-such-package (smarthome-sim-no-such-program)');
    expect(result.stderr).toContain('sudo apt-get install -y --no-install-recommends smarthome-sim-no-such-package');
    // Generous on a loaded 2-core machine; what matters is that it does not start installing or testing.
    expect(result.elapsedMs).toBeLessThan(10_000);
  });

  it('refuses a malformed extra requirement instead of passing it to a shell', () => {
    const result = prerequisites(['--check'], 'x;rm -rf /:y');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('SMARTHOME_SIM_EXTRA_PREREQUISITES: expected package:program pairs, got "x;rm -rf /:y"');
  });
});
