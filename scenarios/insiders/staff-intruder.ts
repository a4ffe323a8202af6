import { z } from 'zod';
import { DAY_MS, HOUR_MS } from '../../simulator/core/duration.js';
import type { SeededRandom } from '../../simulator/core/random.js';
import { onShift, type StaffMember } from '../../simulator/staff/roster.js';
import type { ConsoleUser } from '../../simulator/staff/staff-console.js';
import type { StaffRoom } from '../../simulator/staff/staff-room.js';
import { Botnet } from '../attackers/botnet.js';

declare module '../../simulator/core/event-log.js' {
  interface EventTypes {
    /** An outside attacker opened a console session as `staffId` from exit IP `ip` (staff-account-takeover). */
    'staff.intruder-session': { staffId: string; ip: string };
  }
}

/**
 * An outside attacker holding some staff console passwords (phished, or reused from another
 * breach). Each staff account is compromised with probability `compromisedShare`, drawn once
 * in roster order. Default 0.1: Verizon DBIR 2013 (p. 38) puts a phishing click at about one
 * in ten recipients ("ten messages almost guarantee a click"), and Fortra's 2023 simulation of
 * 1.37 M staff saw 10.4 % click and 65 % of those enter credentials (≈ 7 %), to which password
 * reuse adds (the FTC's 2023 Ring complaint: credential stuffing with reused passwords). The
 * session rates are assumptions. The attacker signs in with the password only — it has no
 * second factor — from a rotating pool of exit IPs, at hours the real owner is off shift.
 */
export const intruderSchema = z
  .object({
    compromisedShare: z.number().min(0).max(1).default(0.1),
    sessionsPerDay: z.number().gt(0).max(1000).default(4),
    homesPerSession: z.number().int().min(1).max(10_000).default(5),
    exportShare: z.number().min(0).max(1).default(0.5),
    exitIps: z.number().int().min(1).max(1_000_000).default(50),
  })
  .strict();

export type IntruderParams = z.output<typeof intruderSchema>;

export class StaffIntruder {
  readonly accounts: readonly StaffMember[];
  private readonly stopped = new Set<string>();
  private readonly botnet: Botnet;

  constructor(
    private readonly room: StaffRoom,
    private readonly params: IntruderParams,
    private readonly random: SeededRandom,
  ) {
    this.accounts = room.roster.filter(() => random.chance(params.compromisedShare));
    this.botnet = new Botnet(random, { ips: params.exitIps, attemptsPerIp: 1, fingerprints: 3 }, 0);
    // Hostile for scoring: these accounts' audit alerts and suspensions are the attack's.
    for (const member of this.accounts) room.tally.hostile.add(member.staffId);
    room.world.log.subscribeTo('staff.suspended', (e) => this.stopped.add(e.staffId));
  }

  start(untilMs: number): void {
    for (const member of this.accounts) this.scheduleNext(member, untilMs);
  }

  /** The next session: an exponential gap, then on to the end of the owner's shift if it falls inside one. */
  private scheduleNext(member: StaffMember, untilMs: number): void {
    const world = this.room.world;
    let at = Math.ceil(world.now() + this.random.exponential(DAY_MS / this.params.sessionsPerDay));
    for (let i = 0; i < 24 && onShift(member, at); i++) at += HOUR_MS;
    if (at >= untilMs) return;
    world.scheduler.at(at, () => {
      if (this.stopped.has(member.staffId)) return;
      this.session(member);
      this.scheduleNext(member, untilMs);
    });
  }

  /** Random homes' clips, viewed or exported, with no ticket to name (an outsider knows none). */
  private session(member: StaffMember): void {
    const { room } = this;
    room.world.log.emit('staff.intruder-session', { staffId: member.staffId, ip: this.botnet.ip() });
    const user: ConsoleUser = { staffId: member.staffId, role: member.role, secondFactor: false };
    for (let i = 0; i < this.params.homesPerSession; i++) {
      const homeId = room.homeIds[this.random.int(0, room.homeIds.length - 1)]!;
      if (this.random.chance(this.params.exportShare)) room.console.exportClips(user, homeId, 'takeover');
      else room.console.viewClips(user, homeId, 'takeover');
    }
  }
}
