import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { LogSink } from '../core/event-log.js';
import { OutputWriteError } from './output-files.js';

/**
 * `run --log FILE.jsonl`: the run's event log streamed to disk as it is hashed, so a
 * million-event run needs no copy of its log in memory. The bytes are the log's JSON lines
 * exactly as hashed (EventLogOptions.sink), so `sha256sum FILE` is the report's event-log
 * SHA-256 and any JSON-lines tool (jq, pandas, DuckDB) reads the file as it is.
 *
 * Written beside the target under a temporary name and renamed when the run ends, as the
 * other outputs are (output-files.ts): a run that fails leaves no file and no half log.
 */
export class LogFile {
  private readonly target: string;
  private readonly temporary: string;
  private fd: number | undefined;
  private madeDirectory: string | undefined;

  constructor(path: string) {
    this.target = resolve(path);
    this.temporary = `${this.target}.${process.pid}.tmp`;
  }

  /** The log's sink: the file is opened at the first batch (a run that fails before any event writes nothing). */
  readonly sink: LogSink = (bytes) => {
    try {
      if (this.fd === undefined) {
        this.madeDirectory = mkdirSync(dirname(this.target), { recursive: true });
        this.fd = openSync(this.temporary, 'w');
      }
      let written = 0;
      while (written < bytes.length) written += writeSync(this.fd, bytes, written);
    } catch (error) {
      this.abandon();
      throw this.failure(error);
    }
  };

  /** After the run (the report's digest has flushed the last lines): the file takes its name. */
  finish(): void {
    try {
      if (this.fd === undefined) {
        // No event reached the sink (every run logs world.start, so this is an empty log).
        this.madeDirectory = mkdirSync(dirname(this.target), { recursive: true });
        this.fd = openSync(this.temporary, 'w');
      }
      closeSync(this.fd);
      this.fd = undefined;
      renameSync(this.temporary, this.target);
    } catch (error) {
      this.abandon();
      throw this.failure(error);
    }
  }

  /** The run failed: remove the temporary file and any directory made for it. */
  abandon(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed or gone: removing it below is what matters
      }
      this.fd = undefined;
    }
    rmSync(this.temporary, { force: true });
    if (this.madeDirectory !== undefined) rmSync(this.madeDirectory, { recursive: true, force: true });
    this.madeDirectory = undefined;
  }

  private failure(error: unknown): OutputWriteError {
    const { code, path } = error as NodeJS.ErrnoException;
    return new OutputWriteError(`cannot write ${path ?? this.target}: ${code ?? (error as Error).message}`);
  }
}
