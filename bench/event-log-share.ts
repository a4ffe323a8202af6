import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';
import credentialStuffing from '../scenarios/credential-stuffing.js';
import { runScenario } from '../simulator/runner/run-scenario.js';
import type { BenchResult } from './bench-result.js';
import { FLAGSHIP } from './flagship.js';

/**
 * The event log's share of the flagship run (issue 18: ≤ 5 %, 12.7 % when the issue was filed),
 * from a CPU profile of the flagship taken in this process (the inspector's sampling profiler,
 * as `node --cpu-prof` takes it).
 *
 * How it is computed: the self time of every sample in the log's own code — the files below
 * (serialising a line, the log's bookkeeping and the event objects it builds for listeners) —
 * and in node's hash wrapper (SHA-256 of the serialised bytes, whose native work is sampled in
 * the JavaScript frame that called it), over the self time of all samples but idle. Garbage
 * collection is in the denominator only: the log allocates next to nothing per event (its
 * buffers are reused), so the collector's time belongs to the rest of the run.
 *
 * Self time, not total time: a listener's metrics handler called from `emit` is the
 * handler's own time unless the compiler inlined it into `emit`, then it counts here — so
 * the figure, if anything, errs high.
 */
const LOG_FILES = ['simulator/core/event-log.ts', 'simulator/core/json-line-writer.ts', 'simulator/core/event-factory.ts', 'simulator/core/event-log.js', 'simulator/core/json-line-writer.js', 'simulator/core/event-factory.js'];
/**
 * Node's hash wrapper, and the native frames it calls (sampled with no script: `Hash`,
 * `update`, `digest`). The only other SHA-256 in a simulated run derives the world's random
 * streams (random.ts), once per stream name: a few dozen calls a run.
 */
const HASH_URL = 'node:internal/crypto/hash';
const NATIVE_HASH_FRAMES = new Set(['Hash', 'update', 'digest']);
const NOT_WORK = new Set(['(idle)']);
/** The sampling interval of `node --cpu-prof` (1 ms is its default). */
const SAMPLING_INTERVAL_US = 1000;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface LogShare {
  /** Share (0..1) of the run's busy samples spent in the event log. */
  share: number;
  logMs: number;
  hashMs: number;
  busyMs: number;
  gcMs: number;
  events: number;
}

/** Self time by kind over one profile. */
export function logShareOf(profile: Profile, events: number): LogShare {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let busy = 0;
  let log = 0;
  let hash = 0;
  let gc = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!)!;
    const us = profile.timeDeltas[i] ?? 0;
    const { url, functionName } = node.callFrame;
    if (NOT_WORK.has(functionName)) continue;
    busy += us;
    if (functionName === '(garbage collector)') gc += us;
    else if (LOG_FILES.some((file) => url.endsWith(file))) log += us;
    else if (url === HASH_URL || (url === '' && NATIVE_HASH_FRAMES.has(functionName))) hash += us;
  }
  return { share: (log + hash) / busy, logMs: log / 1000, hashMs: hash / 1000, busyMs: busy / 1000, gcMs: gc / 1000, events };
}

/** Runs the flagship once under the sampling profiler and measures the log's share. */
export async function measureLogShare(): Promise<LogShare> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await session.post('Profiler.start');
    const { report } = await runScenario(credentialStuffing, { ...FLAGSHIP });
    const { profile } = await session.post('Profiler.stop');
    return logShareOf(profile as unknown as Profile, report.eventLog.events);
  } finally {
    session.disconnect();
  }
}

export async function benchEventLogShare(): Promise<BenchResult[]> {
  const m = await measureLogShare();
  const percent = Number((100 * m.share).toFixed(1));
  const nsPerEvent = (ms: number) => Math.round((ms * 1e6) / m.events);
  return [
    { name: 'event log share of the flagship run (CPU profile: self time in the log and its SHA-256 over busy samples)', value: percent, unit: '%', target: '<= 5 % (issue 18)', met: m.share <= 0.05 },
    { name: 'event log: serialising and bookkeeping, per flagship event (profile self time)', value: nsPerEvent(m.logMs), unit: 'ns' },
    { name: 'event log: SHA-256 of the JSON lines, per flagship event (profile self time)', value: nsPerEvent(m.hashMs), unit: 'ns' },
    { name: 'garbage collection share of the same profile', value: Number(((100 * m.gcMs) / m.busyMs).toFixed(1)), unit: '%' },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const entry of await benchEventLogShare()) console.log(`${entry.name}: ${entry.value} ${entry.unit}${entry.met === undefined ? '' : entry.met ? ' (met)' : ' (MISSED)'}`);
}
