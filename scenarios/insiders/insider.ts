import { z } from 'zod';
import type { CameraPlacement } from '../../devices/camera-placement.js';
import { DAY_MS } from '../../simulator/core/duration.js';
import type { SeededRandom } from '../../simulator/core/random.js';
import type { StaffMember } from '../../simulator/staff/roster.js';
import { nextOnShift } from '../../simulator/staff/roster.js';
import type { StaffRoom } from '../../simulator/staff/staff-room.js';

/**
 * The curious employee of 2017 (FTC v. Ring LLC, complaint ¶¶ 20–23): between real tasks,
 * on shift, they look through homes' camera lists, pick the ones whose names promise private
 * rooms ("Master Bedroom", "Nursery"), and watch those homes' clips — more each week. Every
 * parameter is an assumption shaped on that account; the complaint gives no rates.
 */
export const insiderSchema = z
  .object({
    role: z.enum(['support', 'engineering', 'video-annotation', 'contractor']).default('support'),
    sessionsPerDay: z.number().gt(0).max(1000).default(2),
    weeklyGrowth: z.number().min(1).max(10).default(1.6),
    maxSessionsPerDay: z.number().gt(0).max(1000).default(20),
    candidatesPerSession: z.number().int().min(1).max(1000).default(8),
    homesPerSession: z.number().int().min(1).max(1000).default(3),
  })
  .strict();

export type InsiderParams = z.output<typeof insiderSchema>;

const SENSITIVITY_SCORE = { public: 0, common: 1, private: 2 } as const;
const score = (cameras: readonly CameraPlacement[]) => cameras.reduce((best, c) => Math.max(best, SENSITIVITY_SCORE[c.sensitivity]), -1);

export class Insider {
  private stopped = false;
  private readonly startMs: number;

  constructor(
    private readonly room: StaffRoom,
    readonly member: StaffMember,
    private readonly params: InsiderParams,
    private readonly random: SeededRandom,
  ) {
    this.startMs = room.world.now();
    room.tally.hostile.add(member.staffId);
    room.world.log.subscribeTo('staff.suspended', (e) => {
      if (e.staffId === member.staffId) this.stopped = true;
    });
  }

  start(untilMs: number): void {
    this.scheduleNext(untilMs);
  }

  private ratePerDay(): number {
    const weeks = Math.floor((this.room.world.now() - this.startMs) / (7 * DAY_MS));
    return Math.min(this.params.maxSessionsPerDay, this.params.sessionsPerDay * this.params.weeklyGrowth ** weeks);
  }

  private scheduleNext(untilMs: number): void {
    const world = this.room.world;
    const at = nextOnShift(this.member, Math.ceil(world.now() + this.random.exponential(DAY_MS / this.ratePerDay())));
    if (at >= untilMs) return;
    world.scheduler.at(at, () => {
      if (this.stopped) return;
      this.browse();
      this.scheduleNext(untilMs);
    });
  }

  /** One session: camera lists of a few homes, then the clips of the most private ones. */
  private browse(): void {
    const { room } = this;
    const user = room.userOf(this.member);
    // A ticket of their own as cover (a reviewer sees it is for another home).
    const cover = room.board.latestOf(this.member.staffId)?.ticketId;
    // Careful, as the 2017 employee was for months: never a read without some ticket to show.
    if (cover === undefined) return;
    const candidates: { homeId: string; score: number }[] = [];
    for (let i = 0; i < this.params.candidatesPerSession; i++) {
      const homeId = room.homeIds[this.random.int(0, room.homeIds.length - 1)]!;
      const metadata = room.console.viewMetadata(user, homeId, 'browsing', cover);
      if (metadata.granted) candidates.push({ homeId, score: score(metadata.cameras) });
    }
    candidates.sort((a, b) => b.score - a.score);
    const picked = [...new Set(candidates.map((c) => c.homeId))].slice(0, this.params.homesPerSession);
    for (const homeId of picked) room.console.viewClips(user, homeId, 'browsing', cover);
  }
}
