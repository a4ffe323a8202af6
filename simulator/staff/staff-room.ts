import type { Cloud } from '../cloud/cloud.js';
import { DAY_MS, HOUR_MS } from '../core/duration.js';
import type { SeededRandom } from '../core/random.js';
import type { World } from '../core/world.js';
import { buildRoster, nextOnShift, type StaffMember } from './roster.js';
import { StaffConsole, type ConsoleUser } from './staff-console.js';
import type { StaffParams } from './staff-params.js';
import { StaffTally } from './staff-tally.js';
import { TicketBoard, type Ticket } from './ticket-board.js';

/** The staff room of a world, if its scenario opened one (defences look it up here). */
const rooms = new WeakMap<World, StaffRoom>();

export function staffRoomOf(world: World): StaffRoom | undefined {
  return rooms.get(world);
}

/**
 * The vendor's people at work: support answering owners' tickets and annotators working
 * through the labelling queue, all through the staff console. Owners' consent is drawn
 * per home (review opt-in) and per ticket, from the staff room's own streams.
 */
export class StaffRoom {
  readonly roster: readonly StaffMember[];
  readonly board = new TicketBoard();
  readonly tally: StaffTally;
  readonly console: StaffConsole;
  private readonly optedIn = new Map<string, boolean>();
  private readonly random: SeededRandom;
  private readonly consentRandom: SeededRandom;
  private readonly support: StaffMember[];
  private readonly annotators: StaffMember[];

  constructor(readonly world: World, readonly cloud: Cloud, readonly homeIds: readonly string[], readonly params: StaffParams) {
    this.roster = buildRoster(params, world.rng('staff/roster'));
    this.random = world.rng('staff/work');
    this.consentRandom = world.rng('staff/consent');
    // Opt-in to human review is a standing fact of each home, drawn once in home order.
    for (const homeId of homeIds) this.optedIn.set(homeId, this.consentRandom.chance(params.reviewOptInShare));
    this.tally = new StaffTally(world);
    this.console = new StaffConsole(cloud, this.tally);
    this.support = this.roster.filter((m) => m.role === 'support');
    this.annotators = this.roster.filter((m) => m.role === 'video-annotation' || m.role === 'contractor');
    // A suspended account does no more work: its open tickets go to a colleague.
    world.log.subscribeTo('staff.suspended', (e) => this.suspended.add(e.staffId));
    rooms.set(world, this);
  }

  private readonly suspended = new Set<string>();

  private activeSupport(): StaffMember[] {
    return this.support.filter((m) => !this.suspended.has(m.staffId));
  }

  /** The room a scenario opened in `world`; throws when there is none. */
  static of(world: World): StaffRoom {
    const room = rooms.get(world);
    if (!room) throw new Error('no staff room in this world');
    return room;
  }

  reviewOptedIn(homeId: string): boolean {
    return this.optedIn.get(homeId) === true;
  }

  member(staffId: string): StaffMember | undefined {
    return this.roster.find((m) => m.staffId === staffId);
  }

  /** Legitimate staff sign in with their second factor: the console asks it when staff-mfa is on. */
  userOf(member: StaffMember): ConsoleUser {
    return { staffId: member.staffId, role: member.role, secondFactor: true };
  }

  /** Starts the day's work: tickets arrive town-wide, annotators take jobs on shift. */
  start(untilMs: number): void {
    const ratePerMs = (this.homeIds.length * this.params.ticketsPerHomePerDay) / DAY_MS;
    if (ratePerMs > 0 && this.support.length > 0) this.scheduleTicket(ratePerMs, untilMs);
    const jobGapMs = this.params.annotationJobsPerHour > 0 ? HOUR_MS / this.params.annotationJobsPerHour : Infinity;
    if (Number.isFinite(jobGapMs)) for (const annotator of this.annotators) this.scheduleJob(annotator, jobGapMs, untilMs);
  }

  private scheduleTicket(ratePerMs: number, untilMs: number): void {
    const at = Math.ceil(this.world.now() + this.random.exponential(1 / ratePerMs));
    if (at >= untilMs) return;
    this.world.scheduler.at(at, () => {
      this.openTicket(untilMs);
      this.scheduleTicket(ratePerMs, untilMs);
    });
  }

  private openTicket(untilMs: number): void {
    const homeId = this.homeIds[this.random.int(0, this.homeIds.length - 1)]!;
    const needsClips = this.random.chance(this.params.clipTicketShare);
    const consent = needsClips && this.consentRandom.chance(this.params.ticketConsentShare);
    const active = this.activeSupport();
    if (active.length === 0) return;
    const member = active[this.random.int(0, active.length - 1)]!;
    const ticket = this.board.open({ kind: 'support', homeId, openedAtMs: this.world.now(), needsClips, consent, staffId: member.staffId });
    this.tally.ticketsOpened++;
    const workAt = nextOnShift(member, Math.ceil(this.world.now() + this.random.exponential(this.params.ticketPickupMeanMs)));
    if (workAt < untilMs) this.world.scheduler.at(workAt, () => this.work(member, ticket));
  }

  /** Support looks at the device, and at the clips when the ticket needs them and the owner agreed. */
  private work(assigned: StaffMember, ticket: Ticket): void {
    let member = assigned;
    if (this.suspended.has(member.staffId)) {
      const active = this.activeSupport();
      if (active.length === 0) return;
      member = active[this.random.int(0, active.length - 1)]!;
      this.board.reassign(ticket, member.staffId);
      const at = nextOnShift(member, this.world.now());
      if (at !== this.world.now()) return void this.world.scheduler.at(at, () => this.work(member, ticket));
    }
    const user = this.userOf(member);
    const metadata = this.console.viewMetadata(user, ticket.homeId, 'ticket', ticket.ticketId);
    let resolved = metadata.granted;
    if (ticket.needsClips && ticket.consent) {
      const clips = this.console.viewClips(user, ticket.homeId, 'ticket', ticket.ticketId);
      if (!clips.granted) resolved = false;
      if (clips.ciphertext) {
        // Ciphertext only (e2ee): support cannot answer "why did it record this?".
        this.tally.clipTicketsWithoutVideo++;
        resolved = false;
      }
    }
    if (!resolved) return;
    this.board.close(ticket, this.world.now());
    this.tally.ticketsResolved++;
    this.tally.ticketDelayMsTotal += this.world.now() - ticket.openedAtMs;
  }

  private scheduleJob(annotator: StaffMember, gapMs: number, untilMs: number): void {
    const at = nextOnShift(annotator, Math.ceil(this.world.now() + this.random.exponential(gapMs)));
    if (at >= untilMs) return;
    this.world.scheduler.at(at, () => {
      this.annotate(annotator);
      this.scheduleJob(annotator, gapMs, untilMs);
    });
  }

  /** The labelling queue hands out one home's clips; the job records the owner's opt-in. */
  private annotate(annotator: StaffMember): void {
    const homeId = this.homeIds[this.random.int(0, this.homeIds.length - 1)]!;
    const consent = this.reviewOptedIn(homeId);
    const job = this.board.open({ kind: 'annotation', homeId, openedAtMs: this.world.now(), needsClips: true, consent, staffId: annotator.staffId });
    this.tally.annotationJobs++;
    const clips = this.console.viewClips(this.userOf(annotator), homeId, 'annotation', job.ticketId);
    this.board.close(job, this.world.now());
    if (clips.plaintext.length === 0) return;
    this.tally.annotationJobsDone++;
    this.tally.annotationClips += clips.plaintext.length;
    if (!consent) this.tally.unconsentedReviewClips += clips.plaintext.length;
  }
}
