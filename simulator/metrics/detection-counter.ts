import type { Cloud } from '../cloud/cloud.js';
import type { LoggedEvent } from '../core/event-log.js';
import type { Detection } from '../defenses/defense.js';
import { declaredDetections } from '../defenses/detections.js';
import type { MetricsRecorder, MetricValue } from './recorder.js';

/**
 * The `detections` metric: the events the installed defences declare as detections
 * (`DefenseDefinition.detects`), summed, and each declared metric on its own. Nothing here
 * names a defence: a new one declares its events and is counted.
 *
 * A detection `of: 'hostile-login'` is raised while a login on its account is judged, before
 * that login is logged; it waits here until the account's next 'cloud.login' says whether the
 * principal was hostile (a detection) or not (an alert about the owner's own login is none).
 *
 * Build it after installDefenses: it reads which defences are installed once, when built.
 */
export class DetectionCounter {
  private total = 0;
  private readonly counts = new Map<string, number>();
  /** Per account, the metrics (undefined: total only) of detections waiting for their login. */
  private readonly pending = new Map<string, Array<string | undefined>>();

  constructor(cloud: Cloud, recorder: MetricsRecorder) {
    const declared = declaredDetections(cloud);
    for (const metric of declared.metrics) this.counts.set(metric, 0);
    for (const detection of declared.installed) this.watch(recorder, detection);
  }

  /** Told of every 'cloud.login' with whether its principal is hostile: settles what was raised while it was judged. */
  login(accountId: string | null, hostile: boolean): void {
    if (this.pending.size === 0 || accountId === null) return;
    const waiting = this.pending.get(accountId);
    if (waiting === undefined) return;
    this.pending.delete(accountId);
    if (hostile) for (const metric of waiting) this.count(metric);
  }

  finish(): Record<string, MetricValue> {
    return { detections: this.total, ...Object.fromEntries(this.counts) };
  }

  private watch(recorder: MetricsRecorder, detection: Detection): void {
    const { metric } = detection;
    if (metric !== undefined && !this.counts.has(metric)) this.counts.set(metric, 0);
    // Each declaration is typed by its own event; here every event is only "an event".
    const when = detection.when as ((event: LoggedEvent) => boolean) | undefined;
    if (detection.of !== 'hostile-login') {
      recorder.on(detection.event, (event) => {
        if (when === undefined || when(event as LoggedEvent)) this.count(metric);
      });
      return;
    }
    recorder.on(detection.event, (event) => {
      if (when !== undefined && !when(event as LoggedEvent)) return;
      const accountId = (event as { accountId: string | null }).accountId;
      if (accountId === null) return; // no account, no login to judge it by
      let waiting = this.pending.get(accountId);
      if (waiting === undefined) this.pending.set(accountId, (waiting = []));
      waiting.push(metric);
    });
  }

  private count(metric: string | undefined): void {
    this.total++;
    if (metric !== undefined) this.counts.set(metric, this.counts.get(metric)! + 1);
  }
}
