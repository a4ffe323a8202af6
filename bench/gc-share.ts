import { PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';

/**
 * Garbage-collection time inside a stretch of wall time, from the runtime's own 'gc'
 * performance entries (one per scavenge, mark-compact, incremental step or weak-callback
 * pass, each with its start and duration on `performance.now()`'s clock).
 *
 * Why entries rather than a CPU profile: `node --cpu-prof` gives the "(garbage collector)"
 * node's share too, but it slows the run and needs a separate process; the entries cost
 * nothing measurable and can be summed over exactly the flagship run inside the bench. The
 * two agree to about a percentage point on this machine (docs/performance.md).
 *
 * Entries are delivered asynchronously, after the work that caused them: call `settle()`
 * once the measured work is over, then ask for any window that lies before that point.
 */
export class GcMeter {
  private readonly entries: Array<{ startMs: number; durationMs: number; kind: number }> = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) this.entries.push({ startMs: e.startTime, durationMs: e.duration, kind: kindOf(e) });
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Now on the entries' clock: mark a window's start and end with it. */
  now(): number {
    return performance.now();
  }

  /** Waits until entries of everything before this call have been delivered. */
  async settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Collector milliseconds that began in [startMs, endMs), and how many of them were scavenges (minor GCs). */
  within(startMs: number, endMs: number): { ms: number; collections: number; scavenges: number } {
    let ms = 0;
    let collections = 0;
    let scavenges = 0;
    for (const e of this.entries) {
      if (e.startMs < startMs || e.startMs >= endMs) continue;
      ms += e.durationMs;
      collections++;
      if (e.kind === MINOR) scavenges++;
    }
    return { ms, collections, scavenges };
  }

  stop(): void {
    this.observer.disconnect();
  }
}

/** `NODE_PERFORMANCE_GC_MINOR` (perf_hooks constants): a scavenge of the young generation. */
const MINOR = 1;

function kindOf(entry: PerformanceEntry): number {
  const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
  return detail?.kind ?? -1;
}
