import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../runner/input-error.js';

/**
 * Writes a report file atomically: a temporary file beside the target, then a rename, so an
 * interrupted or failed run never leaves a half-written report behind.
 */
export function writeFileAtomic(path: string, contents: string): void {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, target);
}

/** Checks an output path before the run starts, so bad input fails fast with exit 2. */
export function checkOutputPath(flag: string, path: string | undefined, extension: string): void {
  if (path === undefined) return;
  if (path.trim() === '') throw new InputError(`--${flag}: expected a file path, got ""`);
  if (!path.toLowerCase().endsWith(extension)) throw new InputError(`--${flag}: expected a ${extension} file, got "${path}"`);
}
