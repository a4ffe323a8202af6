import type { World } from '../core/world.js';

/** One staff console request as the audit keeps it. */
export interface AuditEntry {
  readonly seq: number;
  readonly atMs: number;
  readonly staffId: string;
  readonly role: string;
  readonly action: string;
  readonly homeId: string;
  readonly ticketId: string | null;
  readonly granted: boolean;
}

/**
 * The append-only staff access log (NIST SP 800-53 AU-9, protection of audit information):
 * entries are frozen when written and the log offers no way to change or remove one, so no
 * staff role — nor anything else in the run — can rewrite what it did.
 */
export class AuditLog {
  readonly #entries: AuditEntry[] = [];

  /** Only access-audit appends, from the staff-access gate's own events. */
  append(entry: Omit<AuditEntry, 'seq'>): AuditEntry {
    const frozen = Object.freeze({ seq: this.#entries.length, ...entry });
    this.#entries.push(frozen);
    return frozen;
  }

  get size(): number {
    return this.#entries.length;
  }

  /** A frozen copy: pushing, splicing or editing it changes nothing in the log. */
  entries(): readonly AuditEntry[] {
    return Object.freeze(this.#entries.slice());
  }

  ofStaff(staffId: string): AuditEntry[] {
    return this.#entries.filter((e) => e.staffId === staffId);
  }
}

const logs = new WeakMap<World, AuditLog>();

/** The world's audit log, when access-audit is installed. */
export function auditLogOf(world: World): AuditLog | undefined {
  return logs.get(world);
}

export function openAuditLog(world: World): AuditLog {
  const log = new AuditLog();
  logs.set(world, log);
  return log;
}
