import type { Sensitivity } from '../../devices/camera-placement.js';

export interface Recording {
  readonly clipId: string;
  readonly deviceId: string;
  readonly homeId: string;
  readonly durationS: number;
  readonly capturedAtMs: number;
  /** The device kind that made it (doorbell, indoor-camera); absent: doorbell, as before issue 14. */
  readonly kind?: string;
  /** The room the camera looks at, as its owner placed it (devices/camera-placement.ts). */
  readonly room?: string;
  /** public (porch), common (living areas) or private (bedrooms, bathrooms, nursery). */
  readonly sensitivity?: Sensitivity;
}

/**
 * One home's clips, column by column. A town keeps every clip of the run (well over a
 * hundred thousand a day at 10,000 homes) and they all outlive the young generation: an
 * object per clip was measured at a tenth of a 10,000-home day, mostly in the garbage
 * collector copying them; columns hold the same facts in a few arrays a home.
 */
interface HomeClips {
  readonly clipIds: string[];
  readonly deviceIds: string[];
  readonly durationS: number[];
  readonly capturedAtMs: number[];
  readonly kinds: string[];
  readonly rooms: string[];
  readonly sensitivities: Sensitivity[];
}

/**
 * Clips the devices announced on their media channel, whatever their kind (the ingest stores
 * every `{"type":"recording"}`); the cloud keeps them (what insiders and attackers can watch).
 */
export class RecordingStore {
  private readonly byHome = new Map<string, HomeClips>();
  count = 0;
  totalDurationS = 0;

  add(recording: Recording): void {
    let clips = this.byHome.get(recording.homeId);
    if (!clips) this.byHome.set(recording.homeId, (clips = { clipIds: [], deviceIds: [], durationS: [], capturedAtMs: [], kinds: [], rooms: [], sensitivities: [] }));
    clips.clipIds.push(recording.clipId);
    clips.deviceIds.push(recording.deviceId);
    clips.durationS.push(recording.durationS);
    clips.capturedAtMs.push(recording.capturedAtMs);
    // Strings shared by every clip of a kind or room: the columns hold references, not copies.
    clips.kinds.push(recording.kind ?? 'doorbell');
    clips.rooms.push(recording.room ?? 'porch');
    clips.sensitivities.push(recording.sensitivity ?? 'public');
    this.count++;
    this.totalDurationS += recording.durationS;
  }

  /**
   * A home's clips in the order they were stored; with `sinceMs`, only those captured from
   * then on (clips arrive in capture order, so the scan stops at the first older one).
   */
  inHome(homeId: string, sinceMs = -Infinity): Recording[] {
    const clips = this.byHome.get(homeId);
    if (!clips) return [];
    let first = clips.clipIds.length;
    while (first > 0 && clips.capturedAtMs[first - 1]! >= sinceMs) first--;
    return clips.clipIds.slice(first).map((clipId, j) => this.at(clips, homeId, clipId, first + j));
  }

  private at(clips: HomeClips, homeId: string, clipId: string, i: number): Recording {
    return {
      clipId,
      deviceId: clips.deviceIds[i]!,
      homeId,
      durationS: clips.durationS[i]!,
      capturedAtMs: clips.capturedAtMs[i]!,
      kind: clips.kinds[i]!,
      room: clips.rooms[i]!,
      sensitivity: clips.sensitivities[i]!,
    };
  }
}
