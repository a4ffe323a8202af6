/**
 * Open work that justifies a staff member looking at a home: support tickets an owner raised
 * and annotation jobs of the labelling queue. Each carries the owner's consent as a seeded
 * world fact (per-ticket consent; opt-in to human review for annotation). Defences read it
 * (staff-jit-access, review-consent, access-audit) as a real console would its ticket system.
 */
export type TicketKind = 'support' | 'annotation';

export interface Ticket {
  readonly ticketId: string;
  readonly kind: TicketKind;
  readonly homeId: string;
  readonly openedAtMs: number;
  /** Support: needs a look at clips ("why did it record this?"); else metadata only. */
  readonly needsClips: boolean;
  /** The owner agreed to a look at their clips for this ticket (support) or opted in to review (annotation). */
  readonly consent: boolean;
  /** Staff member it is assigned to. */
  staffId: string;
  closedAtMs: number | undefined;
}

export class TicketBoard {
  private readonly tickets = new Map<string, Ticket>();
  private readonly latest = new Map<string, Ticket>();
  private next = 0;

  open(ticket: Omit<Ticket, 'ticketId' | 'closedAtMs'>): Ticket {
    const prefix = ticket.kind === 'support' ? 'tk' : 'aj';
    const full: Ticket = { ...ticket, ticketId: `${prefix}-${++this.next}`, closedAtMs: undefined };
    this.tickets.set(full.ticketId, full);
    this.latest.set(full.staffId, full);
    return full;
  }

  get(ticketId: string | undefined): Ticket | undefined {
    return ticketId === undefined ? undefined : this.tickets.get(ticketId);
  }

  /** The newest ticket or job assigned to `staffId`, if any (an insider's cover story). */
  latestOf(staffId: string): Ticket | undefined {
    return this.latest.get(staffId);
  }

  /** Hands a ticket to a colleague (its owner was suspended). */
  reassign(ticket: Ticket, staffId: string): void {
    ticket.staffId = staffId;
    this.latest.set(staffId, ticket);
  }

  close(ticket: Ticket, atMs: number): void {
    ticket.closedAtMs ??= atMs;
  }

  /** Open at `atMs`: opened, not closed. */
  isOpen(ticket: Ticket, atMs: number): boolean {
    return ticket.openedAtMs <= atMs && (ticket.closedAtMs === undefined || ticket.closedAtMs > atMs);
  }
}
