export interface Recording {
  readonly clipId: string;
  readonly deviceId: string;
  readonly homeId: string;
  readonly durationS: number;
  readonly capturedAtMs: number;
}

/** Clips the doorbells announced; the cloud keeps them (what insiders and attackers can watch). */
export class RecordingStore {
  private readonly byHome = new Map<string, Recording[]>();
  count = 0;
  totalDurationS = 0;

  add(recording: Recording): void {
    let list = this.byHome.get(recording.homeId);
    if (!list) this.byHome.set(recording.homeId, (list = []));
    list.push(recording);
    this.count++;
    this.totalDurationS += recording.durationS;
  }

  inHome(homeId: string): readonly Recording[] {
    return this.byHome.get(homeId) ?? [];
  }
}
