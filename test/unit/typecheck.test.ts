import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

/**
 * The project compiles under `strict`. Some guarantees live only in types and hold only if
 * this passes: among them, that no event type declares a field named like the log's own keys
 * (t, seq, type), which the event log's fast serialisation relies on (event-log.ts).
 */
describe('typecheck', () => {
  it('tsc --noEmit reports no error', () => {
    const tsc = require.resolve('typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], { cwd: new URL('../../', import.meta.url), encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  }, 120_000);
});
