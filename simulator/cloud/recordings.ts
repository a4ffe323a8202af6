export interface Recording {
  readonly clipId: string;
  readonly deviceId: string;
  readonly homeId: string;
  readonly durationS: number;
  readonly capturedAtMs: number;
}

/**
 * One home's clips, column by column. A town keeps every clip of the run (well over a
 * hundred thousand a day at 10,000 homes) and they all outlive the young generation: an
 * object per clip was measured at a tenth of a 10,000-home day, mostly in the garbage
 * collector copying them; columns hold the same facts in four arrays a home.
 */
interface HomeClips {
  readonly clipIds: string[];
  readonly deviceIds: string[];
  readonly durationS: number[];
  readonly capturedAtMs: number[];
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
    if (!clips) this.byHome.set(recording.homeId, (clips = { clipIds: [], deviceIds: [], durationS: [], capturedAtMs: [] }));
    clips.clipIds.push(recording.clipId);
    clips.deviceIds.push(recording.deviceId);
    clips.durationS.push(recording.durationS);
    clips.capturedAtMs.push(recording.capturedAtMs);
    this.count++;
    this.totalDurationS += recording.durationS;
  }

  /** A home's clips in the order they were stored. */
  inHome(homeId: string): Recording[] {
    const clips = this.byHome.get(homeId);
    if (!clips) return [];
    return clips.clipIds.map((clipId, i) => ({
      clipId,
      deviceId: clips.deviceIds[i]!,
      homeId,
      durationS: clips.durationS[i]!,
      capturedAtMs: clips.capturedAtMs[i]!,
    }));
  }
}
