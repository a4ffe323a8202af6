import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { InputError } from '../runner/input-error.js';
import type { SweepCell } from '../runner/sweep.js';

/**
 * What the sweep (`sweep --queue`) and the workers (`worker --queue`) share about the BullMQ
 * queue of runs on Redis: its name, the connection, a job's data and its deterministic id.
 */
export const RUN_QUEUE_NAME = 'smarthome-sim-runs';

/**
 * A killed worker holds its job's lock until it expires; the other workers' stalled-job check
 * then puts the job back in the queue. The worker renews the lock every half lock from its
 * event loop, which the run never blocks (it runs on a worker thread), so a live worker keeps it.
 * BullMQ's defaults are 30 s; 10 s gets a killed worker's run going again sooner.
 */
export const LOCK_DURATION_MS = 10_000;
export const STALLED_INTERVAL_MS = 5_000;
/** A job whose worker dies this many times fails instead of cycling for ever. */
export const MAX_STALLED_COUNT = 3;

/** One job: the run of one sweep cell. */
export interface RunJobData {
  /** A built-in scenario's name or a scenario file's absolute path (the same path on every worker machine). */
  scenario: string;
  cell: SweepCell;
}

export interface RedisConnection {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  /** BullMQ workers block on Redis: ioredis must not give up on a command. */
  maxRetriesPerRequest: null;
}

/** `redis://[user:password@]HOST:PORT[/DB]` → the connection options; bad input names --queue and the value. */
export function parseQueueUrl(raw: string): RedisConnection {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(`--queue: expected redis://HOST:PORT, got "${raw}"`);
  }
  if (url.protocol !== 'redis:' || url.hostname === '' || url.port === '') throw new InputError(`--queue: expected redis://HOST:PORT, got "${raw}"`);
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new InputError(`--queue: the database after the port must be a number, got "${raw}"`);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    maxRetriesPerRequest: null,
  };
}

/**
 * The job id: a SHA-256 of everything the run depends on (the package version, the scenario
 * and, for a file, its contents, and the cell's options), so enqueuing the same run twice,
 * from a restarted sweep or another machine, adds no second job and no second result.
 */
export function runJobId(data: RunJobData, version: string): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ version, scenario: data.scenario, options: data.cell.options }));
  if (isAbsolute(data.scenario)) hash.update(readFileSync(data.scenario));
  return `run-${hash.digest('hex').slice(0, 40)}`;
}
