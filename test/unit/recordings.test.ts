import { describe, expect, it } from 'vitest';
import { RecordingStore, type Recording } from '../../simulator/cloud/recordings.js';

describe('RecordingStore', () => {
  it('gives back each home\'s clips as stored, in order, and keeps the totals', () => {
    const store = new RecordingStore();
    const clips: Recording[] = [
      { clipId: 'h1-d1-c1', deviceId: 'h1-d1', homeId: 'h1', durationS: 20, capturedAtMs: 1_000, kind: 'doorbell', room: 'porch', sensitivity: 'public' },
      { clipId: 'h2-d1-c1', deviceId: 'h2-d1', homeId: 'h2', durationS: 45, capturedAtMs: 2_000, kind: 'doorbell', room: 'porch', sensitivity: 'public' },
      { clipId: 'h1-d2-c1', deviceId: 'h1-d2', homeId: 'h1', durationS: 60, capturedAtMs: 3_000, kind: 'indoor-camera', room: 'nursery', sensitivity: 'private' },
    ];
    for (const clip of clips) store.add(clip);
    expect(store.inHome('h1')).toEqual([clips[0], clips[2]]);
    expect(store.inHome('h2')).toEqual([clips[1]]);
    expect(store.inHome('h3')).toEqual([]);
    expect(store.count).toBe(3);
    expect(store.totalDurationS).toBe(125);
    expect(store.inHome('h1', 2_000)).toEqual([clips[2]]);
  });

  it('gives a clip without kind, room or sensitivity the doorbell\'s (clips from before issue 14)', () => {
    const store = new RecordingStore();
    store.add({ clipId: 'c', deviceId: 'd', homeId: 'h', durationS: 1, capturedAtMs: 0 });
    expect(store.inHome('h')[0]).toMatchObject({ kind: 'doorbell', room: 'porch', sensitivity: 'public' });
  });
});
