import { DAY_MS, SECOND_MS } from '../core/duration.js';
import type { World } from '../core/world.js';
import type { MetricValue } from '../metrics/recorder.js';
import type { Recording } from '../cloud/recordings.js';

import './staff-events.js';

/**
 * Why a console call was made — ground truth for scoring only (as principals.ts is): a ticket
 * or an annotation job is legitimate work; browsing (an insider) and a taken-over account are not.
 */
export type Purpose = 'ticket' | 'annotation' | 'browsing' | 'takeover';

const illegitimate = (purpose: Purpose) => purpose === 'browsing' || purpose === 'takeover';

/** The staff room's figures (`staff.*`), from console calls and the audit's events. */
export class StaffTally {
  illegitimateViews = 0;
  exportedClips = 0;
  sensitiveViews = 0;
  plaintextViews = 0;
  illegitimateRequests = 0;
  legitimateRefused = 0;
  accessRefused = 0;
  ciphertextReads = 0;
  unconsentedReviewClips = 0;
  ticketsOpened = 0;
  ticketsResolved = 0;
  ticketDelayMsTotal = 0;
  clipTicketsWithoutVideo = 0;
  annotationJobs = 0;
  annotationJobsDone = 0;
  annotationClips = 0;
  detections = 0;
  private readonly exposed = new Set<string>();
  private firstIllegitimateAtMs: number | undefined;
  private viewsAtDetection: number | undefined;
  private detectedAtMs: number | undefined;
  private containedAtMs: number | undefined;
  /** Staff ids that are hostile (insiders, taken-over accounts): set by the scenario. */
  readonly hostile = new Set<string>();

  constructor(world: World) {
    world.log.subscribeTo('staff.audit-alert', (e) => {
      if (!this.hostile.has(e.staffId)) return;
      this.detections++;
      if (this.detectedAtMs === undefined) {
        this.detectedAtMs = e.t;
        this.viewsAtDetection = this.illegitimateViews;
      }
    });
    world.log.subscribeTo('staff.suspended', (e) => {
      if (this.hostile.has(e.staffId)) this.containedAtMs ??= e.t;
    });
  }

  request(_user: { staffId: string }, purpose: Purpose, granted: boolean, atMs: number): void {
    if (illegitimate(purpose)) {
      this.illegitimateRequests++;
      this.firstIllegitimateAtMs ??= atMs;
    }
    if (granted) return;
    this.accessRefused++;
    if (!illegitimate(purpose)) this.legitimateRefused++;
  }

  read(_user: { staffId: string }, homeId: string, purpose: Purpose, plaintext: readonly Recording[], ciphertext: boolean, _atMs: number): void {
    if (ciphertext) this.ciphertextReads++;
    this.plaintextViews += plaintext.length;
    if (!illegitimate(purpose) || plaintext.length === 0) return;
    this.illegitimateViews += plaintext.length;
    for (const clip of plaintext) if (clip.sensitivity === 'private') this.sensitiveViews++;
    this.exposed.add(homeId);
  }

  toMetrics(): Record<string, MetricValue> {
    const since = (at: number | undefined) => (at === undefined || this.firstIllegitimateAtMs === undefined ? null : Math.max(0, at - this.firstIllegitimateAtMs) / SECOND_MS);
    return {
      'staff.illegitimateViews': this.illegitimateViews,
      'staff.illegitimateRequests': this.illegitimateRequests,
      'staff.exportedClips': this.exportedClips,
      'staff.sensitiveViews': this.sensitiveViews,
      'staff.customersExposed': this.exposed.size,
      'staff.plaintextViews': this.plaintextViews,
      'staff.ciphertextReads': this.ciphertextReads,
      'staff.accessRefused': this.accessRefused,
      'staff.legitimateRefused': this.legitimateRefused,
      'staff.unconsentedReviewClips': this.unconsentedReviewClips,
      'staff.detections': this.detections,
      'staff.timeToDetectionSeconds': since(this.detectedAtMs),
      'staff.timeToContainmentSeconds': since(this.containedAtMs),
      'staff.viewsBeforeDetection': this.detectedAtMs === undefined ? this.illegitimateViews : this.viewsAtDetection!,
      'staff.ticketsOpened': this.ticketsOpened,
      'staff.ticketsResolved': this.ticketsResolved,
      'staff.ticketsResolvedShare': this.ticketsOpened === 0 ? null : this.ticketsResolved / this.ticketsOpened,
      'staff.ticketDelayHoursMean': this.ticketsResolved === 0 ? null : this.ticketDelayMsTotal / this.ticketsResolved / (DAY_MS / 24),
      'staff.clipTicketsWithoutVideo': this.clipTicketsWithoutVideo,
      'staff.annotationJobs': this.annotationJobs,
      'staff.annotationJobsDone': this.annotationJobsDone,
      'staff.annotationClips': this.annotationClips,
    };
  }
}
