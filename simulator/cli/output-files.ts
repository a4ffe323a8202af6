import { accessSync, constants, existsSync, lstatSync, mkdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../runner/input-error.js';

/** An output the user asked for: the flag that named it, the path, and its expected extension. */
export interface OutputRequest {
  flag: string;
  path: string | undefined;
  extension: string;
}

export interface OutputFile {
  path: string;
  contents: string;
}

/** Writing failed after the checks passed (disk full, the directory vanished): exit 1, one line. */
export class OutputWriteError extends Error {
  override readonly name = 'OutputWriteError';
}

/** Kernel and device file systems: writing "reports" there is never what a user means. */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}${sep}`);
}

/** The nearest ancestor of `path` (or `path` itself) that exists. */
function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/** Symbolic links followed at most this deep (Linux's own limit), so a link cycle ends. */
const MAX_LINK_DEPTH = 40;

/**
 * The path with symbolic links resolved, even a link to a file not yet written, so two
 * names for one file compare equal.
 */
function canonical(path: string, depth = 0): string {
  try {
    if (depth < MAX_LINK_DEPTH && lstatSync(path).isSymbolicLink()) return canonical(resolve(dirname(path), readlinkSync(path)), depth + 1);
  } catch {
    // nothing there yet: resolve the part that exists
  }
  const existing = nearestExisting(path);
  return join(realpathSync(existing), relative(existing, path));
}

/**
 * Checks one output path before any work starts (exit 2, nothing written): the name and
 * extension, not a directory or a system file, and a parent that is or can become a
 * writable directory. Returns the canonical path, for spotting two flags naming one file.
 */
export function checkOutputPath(flag: string, path: string | undefined, extension: string): string | undefined {
  if (path === undefined) return undefined;
  const refuse = (why: string) => new InputError(`--${flag}: cannot write "${path}": ${why}`);
  if (path.trim() === '') throw new InputError(`--${flag}: expected a file path, got ""`);
  if (!path.toLowerCase().endsWith(extension)) throw new InputError(`--${flag}: expected a ${extension} file, got "${path}"`);
  const target = resolve(path);
  const real = canonical(target);
  if (SYSTEM_ROOTS.some((root) => isUnder(target, root) || isUnder(real, root))) throw refuse(`it is under ${SYSTEM_ROOTS.join(', ')}`);
  if (existsSync(target)) {
    const stat = statSync(target);
    if (stat.isDirectory()) throw refuse('it is a directory');
    if (!stat.isFile()) throw refuse('it exists and is not a regular file');
  }
  const ancestor = nearestExisting(dirname(target));
  if (!statSync(ancestor).isDirectory()) throw refuse(`${ancestor} is a file, not a directory`);
  try {
    accessSync(ancestor, constants.W_OK | constants.X_OK);
  } catch {
    throw refuse(`directory ${ancestor} is not writable`);
  }
  return real;
}

/** Checks every output path, and that no two flags name the same file. */
export function checkOutputPaths(requests: readonly OutputRequest[]): void {
  const seen = new Map<string, string>();
  for (const { flag, path, extension } of requests) {
    const real = checkOutputPath(flag, path, extension);
    if (real === undefined) continue;
    const earlier = seen.get(real);
    if (earlier !== undefined) throw new InputError(`--${flag}: "${path}" is the same file as --${earlier}; give each output its own file`);
    seen.set(real, flag);
  }
}

/**
 * Writes every file or none: all temporary files first (each beside its target), then the
 * renames. If any write fails, the temporary files and any directories made for them are
 * removed, so a failed run never leaves half its reports or a `.tmp` behind.
 */
export function writeOutputsAtomic(files: readonly OutputFile[]): void {
  const temporaries: Array<{ temporary: string; target: string }> = [];
  const madeDirectories: string[] = [];
  let renamed = 0;
  try {
    for (const file of files) {
      const target = resolve(file.path);
      const made = mkdirSync(dirname(target), { recursive: true });
      if (made !== undefined) madeDirectories.push(made);
      const temporary = `${target}.${process.pid}.tmp`;
      temporaries.push({ temporary, target });
      writeFileSync(temporary, file.contents);
    }
    for (const { temporary, target } of temporaries) {
      renameSync(temporary, target);
      renamed++;
    }
  } catch (error) {
    for (const { temporary } of temporaries.slice(renamed)) rmSync(temporary, { force: true });
    if (renamed === 0) for (const directory of madeDirectories.reverse()) rmSync(directory, { recursive: true, force: true });
    const { code, path } = error as NodeJS.ErrnoException;
    throw new OutputWriteError(`cannot write ${path ?? 'an output file'}: ${code ?? (error as Error).message}`);
  }
}

/** Writes one report file atomically (a temporary file beside the target, then a rename). */
export function writeFileAtomic(path: string, contents: string): void {
  writeOutputsAtomic([{ path, contents }]);
}
