import type { EventLog } from '../core/event-log.js';
import type { Recording, RecordingStore } from './recordings.js';
import type { LifecycleRules } from '../lifecycle/rules.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    'data.write-refused': { policy: string; homeId: string; itemId: string; reason: string };
    'data.read-refused': { policy: string; reader: string; homeId: string; reason: string };
  }
}

/** Who reads stored data: an account (owner, shared user, attacker in a taken account), staff, a service. */
export type DataReader =
  | { readonly kind: 'account'; readonly accountId: string }
  | { readonly kind: 'staff'; readonly staffId: string; readonly role: string }
  | { readonly kind: 'service'; readonly name: string };

export function describeReader(reader: DataReader): string {
  return reader.kind === 'account' ? `account:${reader.accountId}` : reader.kind === 'staff' ? `staff:${reader.staffId}` : `service:${reader.name}`;
}

/**
 * A defence at the data choke point. Returning a string refuses, with the reason that is
 * logged; undefined allows. Deletion and retention hooks join when the data lifecycle does.
 */
export interface DataPolicy {
  readonly name: string;
  /** Before a clip is kept: a refused clip is never stored. */
  authorizeWrite?(recording: Recording): string | undefined;
  /** Before anyone reads a home's clips. */
  authorizeRead?(reader: DataReader, homeId: string): string | undefined;
  /** Rules for the data lifecycle (deletion, retention, purge, training; simulator/lifecycle/rules.ts). */
  readonly lifecycle?: LifecycleRules;
}

export type DataRead = { readonly ok: true; readonly clips: Recording[] } | { readonly ok: false; readonly reason: string };

/**
 * The one way into the cloud's stored data: every write (the ingest) and every read (apps,
 * staff, attackers in a taken account) passes the installed data policies first, so a
 * defence such as end-to-end encryption or verified deletion has one place to plug in.
 */
export class DataGate {
  readonly policies: DataPolicy[] = [];

  constructor(
    private readonly store: RecordingStore,
    private readonly log: EventLog,
  ) {}

  /** Stores a clip unless a policy refuses it; true when it was stored. */
  storeRecording(recording: Recording): boolean {
    for (const policy of this.policies) {
      const reason = policy.authorizeWrite?.(recording);
      if (reason) {
        this.log.emit('data.write-refused', { policy: policy.name, homeId: recording.homeId, itemId: recording.clipId, reason });
        return false;
      }
    }
    this.store.add(recording);
    return true;
  }

  /** A home's clips for `reader` (captured from `sinceMs` on, when given), or the first policy's refusal. */
  readRecordings(reader: DataReader, homeId: string, sinceMs?: number): DataRead {
    for (const policy of this.policies) {
      const reason = policy.authorizeRead?.(reader, homeId);
      if (reason) {
        this.log.emit('data.read-refused', { policy: policy.name, reader: describeReader(reader), homeId, reason });
        return { ok: false, reason: `${policy.name}: ${reason}` };
      }
    }
    return { ok: true, clips: this.store.inHome(homeId, sinceMs) };
  }
}
