// Rebuilds dist/ (tsc -p tsconfig.build.json, incremental) when any source is newer than the
// last build's stamp, so tests and benches that run the compiled CLI never run yesterday's code.
// Plain JavaScript: vitest's globalSetup and the bench call it before anything is compiled.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SOURCE_DIRS = ['simulator', 'devices', 'scenarios'];
const STAMP = join(ROOT, 'dist', '.built-at');

function newestSourceMs() {
  let newest = statSync(join(ROOT, 'tsconfig.build.json')).mtimeMs;
  for (const dir of SOURCE_DIRS) {
    for (const file of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (/\.(ts|mts|mjs)$/.test(file)) newest = Math.max(newest, statSync(join(ROOT, dir, file)).mtimeMs);
    }
  }
  return newest;
}

/** Builds dist/ unless it is at least as new as every source; returns whether it built. */
export function buildIfStale() {
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSourceMs()) return false;
  const started = new Date();
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  writeFileSync(STAMP, `${started.toISOString()}\n`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildIfStale();
