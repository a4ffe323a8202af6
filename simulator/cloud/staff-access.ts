import type { EventLog } from '../core/event-log.js';
import type { DataGate, DataRead } from './data-gate.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    'staff.access': { staffId: string; role: string; action: string; homeId: string; ticketId: string; granted: boolean; policy: string; reason: string };
  }
}

/** What a staff member asks the console for (FTC v. Ring, 2023: any employee could view any customer's video). */
export type StaffAction = 'view-metadata' | 'view-clips' | 'live-view' | 'export';

export interface StaffAccessRequest {
  readonly staffId: string;
  /** A staff role of the principal catalogue (support, engineering, video-annotation, contractor). */
  readonly role: string;
  readonly action: StaffAction;
  readonly homeId: string;
  /** The support ticket or annotation job the request is made under, if any. */
  readonly ticketId?: string;
  /** The console session passed a second factor (staff-mfa, IA-2(1)); absent: password only. */
  readonly secondFactor?: boolean;
  /** Clips captured from then on only (the console's recent history); absent: every clip. */
  readonly sinceMs?: number;
}

/** A defence at the staff-access choke point: a reason refuses (logged); undefined allows. */
export interface StaffAccessPolicy {
  readonly name: string;
  authorize(request: StaffAccessRequest): string | undefined;
}

export type StaffAccessResult = { readonly granted: true; readonly data?: DataRead } | { readonly granted: false; readonly reason: string };

/**
 * The staff console's one gate: every staff request passes the installed staff policies and
 * is logged once, granted or not (the access log an audit defence reads), and a granted
 * read of clips then meets the data policies too, as the staff member it is.
 */
export class StaffAccessGate {
  readonly policies: StaffAccessPolicy[] = [];

  constructor(
    private readonly data: DataGate,
    private readonly log: EventLog,
  ) {}

  request(request: StaffAccessRequest): StaffAccessResult {
    for (const policy of this.policies) {
      const reason = policy.authorize(request);
      if (reason) {
        this.logged(request, false, policy.name, reason);
        return { granted: false, reason: `${policy.name}: ${reason}` };
      }
    }
    this.logged(request, true, '', '');
    if (request.action !== 'view-clips' && request.action !== 'export') return { granted: true };
    return { granted: true, data: this.data.readRecordings({ kind: 'staff', staffId: request.staffId, role: request.role }, request.homeId, request.sinceMs) };
  }

  private logged(request: StaffAccessRequest, granted: boolean, policy: string, reason: string): void {
    this.log.emit('staff.access', { staffId: request.staffId, role: request.role, action: request.action, homeId: request.homeId, ticketId: request.ticketId ?? '', granted, policy, reason });
  }
}
