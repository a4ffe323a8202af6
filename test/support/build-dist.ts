import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * vitest globalSetup: the CLI tests spawn bin/smarthome-sim.js, which runs the compiled dist/.
 * A dist/ older than any source would test yesterday's code, so it is rebuilt first (tsc,
 * incremental) whenever a source is newer than the last build's stamp.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_DIRS = ['simulator', 'devices', 'scenarios'];
const STAMP = join(ROOT, 'dist', '.built-at');

function newestSourceMs(): number {
  let newest = statSync(join(ROOT, 'tsconfig.build.json')).mtimeMs;
  for (const dir of SOURCE_DIRS) {
    for (const file of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (/\.(ts|mts|mjs)$/.test(file)) newest = Math.max(newest, statSync(join(ROOT, dir, file)).mtimeMs);
    }
  }
  return newest;
}

export function setup(): void {
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSourceMs()) return;
  const started = Date.now();
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  writeFileSync(STAMP, `${new Date(started).toISOString()}\n`);
}
