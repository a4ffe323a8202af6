import { z } from 'zod';
import { HOUR_MS } from '../../simulator/core/duration.js';
import type { SeededRandom } from '../../simulator/core/random.js';
import { nextOnShift, type StaffMember } from '../../simulator/staff/roster.js';
import type { StaffRoom } from '../../simulator/staff/staff-room.js';

/**
 * A contractor account that reaches beyond its queue (FTC v. Ring, complaint ¶¶ 14–17:
 * hundreds of contractors with full access, able to view, download and share): every hour on
 * shift it pulls `homesPerHour` homes' clips it has no job for, exporting a share of them,
 * naming its current job as cover. Rates are assumptions; the complaint gives none.
 */
export const bulkContractorSchema = z
  .object({
    homesPerHour: z.number().int().min(1).max(10_000).default(6),
    exportShare: z.number().min(0).max(1).default(0.5),
  })
  .strict();

export type BulkContractorParams = z.output<typeof bulkContractorSchema>;

export class BulkContractor {
  private stopped = false;

  constructor(
    private readonly room: StaffRoom,
    readonly member: StaffMember,
    private readonly params: BulkContractorParams,
    private readonly random: SeededRandom,
  ) {
    room.tally.hostile.add(member.staffId);
    room.world.log.subscribeTo('staff.suspended', (e) => {
      if (e.staffId === member.staffId) this.stopped = true;
    });
  }

  start(untilMs: number): void {
    const at = nextOnShift(this.member, this.room.world.now() + HOUR_MS);
    if (at >= untilMs) return;
    this.room.world.scheduler.at(at, () => {
      if (this.stopped) return;
      this.pull();
      this.start(untilMs);
    });
  }

  private pull(): void {
    const { room } = this;
    const user = room.userOf(this.member);
    const cover = room.board.latestOf(this.member.staffId)?.ticketId;
    for (let i = 0; i < this.params.homesPerHour; i++) {
      const homeId = room.homeIds[this.random.int(0, room.homeIds.length - 1)]!;
      if (this.random.chance(this.params.exportShare)) room.console.exportClips(user, homeId, 'browsing', cover);
      else room.console.viewClips(user, homeId, 'browsing', cover);
    }
  }
}
