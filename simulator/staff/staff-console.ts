import { cameraPlacements, type CameraPlacement } from '../../devices/camera-placement.js';
import type { Cloud } from '../cloud/cloud.js';
import type { Recording } from '../cloud/recordings.js';
import type { StaffAction } from '../cloud/staff-access.js';
import type { StaffTally, Purpose } from './staff-tally.js';

/** Who sits at the console: a staff id and role, and whether the session passed a second factor. */
export interface ConsoleUser {
  readonly staffId: string;
  readonly role: string;
  readonly secondFactor: boolean;
}

/** A clip view shows the home's last day of clips (an assumption: a console's recent event history). */
export const CLIP_VIEW_WINDOW_MS = 24 * 3_600_000;

export type MetadataView = { readonly granted: true; readonly cameras: readonly CameraPlacement[] } | { readonly granted: false };
/** `ciphertext`: the console let the read through but the data layer gave no plaintext (e2ee). */
export type ClipView = { readonly granted: boolean; readonly plaintext: readonly Recording[]; readonly ciphertext: boolean };

/**
 * The staff console API of the cloud. Every call goes through `cloud.staffAccess` (one
 * 'staff.access' event each, granted or not); the tally scores it with the caller's purpose,
 * ground truth that the gate and the defences never see.
 */
export class StaffConsole {
  private readonly placements;

  constructor(private readonly cloud: Cloud, private readonly tally: StaffTally) {
    this.placements = cameraPlacements(cloud.world);
  }

  /** Device names and rooms of a home (metadata: what support needs for "shows offline"). */
  viewMetadata(user: ConsoleUser, homeId: string, purpose: Purpose, ticketId?: string): MetadataView {
    const answer = this.ask(user, 'view-metadata', homeId, purpose, ticketId);
    if (!answer.granted) return { granted: false };
    const cameras = this.cloud.devices.inHome(homeId).flatMap((d) => {
      const placement = this.placements.get(d.deviceId);
      return placement ? [placement] : [];
    });
    return { granted: true, cameras };
  }

  /** A home's clips; `plaintext` is empty unless the gate and the data policies let them through. */
  viewClips(user: ConsoleUser, homeId: string, purpose: Purpose, ticketId?: string): ClipView {
    return this.readClips(user, 'view-clips', homeId, purpose, ticketId);
  }

  /** A download of a home's clips (Ring staff could download and share, FTC complaint ¶ 16). */
  exportClips(user: ConsoleUser, homeId: string, purpose: Purpose, ticketId?: string): ClipView {
    const view = this.readClips(user, 'export', homeId, purpose, ticketId);
    this.tally.exportedClips += view.plaintext.length;
    return view;
  }

  private readClips(user: ConsoleUser, action: 'view-clips' | 'export', homeId: string, purpose: Purpose, ticketId: string | undefined): ClipView {
    const answer = this.ask(user, action, homeId, purpose, ticketId);
    const plaintext = answer.granted && answer.data?.ok ? answer.data.clips : [];
    if (answer.granted) {
      let privateClips = 0;
      for (const clip of plaintext) if (clip.sensitivity === 'private') privateClips++;
      this.cloud.world.log.emit('staff.read', { staffId: user.staffId, homeId, clips: plaintext.length, privateClips, plaintext: answer.data?.ok === true });
      this.tally.read(user, homeId, purpose, plaintext, answer.data?.ok === false, this.cloud.world.now());
    }
    return { granted: answer.granted, plaintext, ciphertext: answer.granted && answer.data?.ok === false };
  }

  private ask(user: ConsoleUser, action: StaffAction, homeId: string, purpose: Purpose, ticketId: string | undefined) {
    const sinceMs = this.cloud.world.now() - CLIP_VIEW_WINDOW_MS;
    const answer = this.cloud.staffAccess.request({ staffId: user.staffId, role: user.role, action, homeId, ticketId, secondFactor: user.secondFactor, sinceMs });
    this.tally.request(user, purpose, answer.granted, this.cloud.world.now());
    return answer;
  }
}
