import type { Link } from '../broker/link.js';
import { isJsonObject, parseBoundedJson, type JsonBounds } from '../broker/bounded-json.js';
import { parseDeviceTopicCached } from '../broker/topics.js';
import { cameraPlacements, DOORBELL_PLACEMENT } from '../../devices/camera-placement.js';
import type { Cloud } from './cloud.js';
import { VoiceRecordingSink } from './voice-ingest.js';

/**
 * A device's media channel is client data: an announcement is a flat object of about a
 * hundred bytes, so 4 KiB and depth 4 bound it with room to spare.
 */
export const RECORDING_BOUNDS: JsonBounds = { maxBytes: 4 * 1024, maxDepth: 4 };

/** Longest clip id stored; the simulator's are `{deviceId}-c{n}`, a few dozen characters. */
const MAX_CLIP_ID_CHARS = 256;

const isClipId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_CLIP_ID_CHARS;
/** JSON.parse turns 1e999 into Infinity: a stored clip must have a real length and time. */
const isFiniteNonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * The cloud's recording service: an MQTT subscriber (service principal) on every home's
 * media channel that stores the clips doorbells announce. It is a real broker client, so a
 * clip exists in the cloud only if its announcement crossed the broker.
 */
export class RecordingIngest {
  stored = 0;
  /** Voice assistants' recordings, for the world's data lifecycle (voice-ingest.ts). */
  readonly voice: VoiceRecordingSink;

  private readonly placements;

  constructor(private readonly cloud: Cloud, private readonly link: Link) {
    this.placements = cameraPlacements(cloud.world);
    this.voice = new VoiceRecordingSink(cloud.world);
  }

  static async start(cloud: Cloud, link: Link): Promise<RecordingIngest> {
    const ingest = new RecordingIngest(cloud, link);
    link.onMessage((topic, payload) => ingest.receive(topic, payload));
    const granted = await link.subscribe('homes/+/devices/+/media');
    if (!granted) throw new Error('recording ingest: the broker refused homes/+/devices/+/media');
    return ingest;
  }

  private receive(topic: string, payload: string): void {
    // Checked first: "voice-recording" does not contain the quoted word the clip filter looks for.
    if (payload.includes('"voice-recording"')) {
      const parsed = parseDeviceTopicCached(topic);
      if (parsed) this.voice.receive(parsed.homeId, payload);
      return;
    }
    // Live-view announcements share the channel; only a payload naming a recording can be one.
    if (!payload.includes('"recording"')) return;
    const parsed = parseDeviceTopicCached(topic);
    if (!parsed) return;
    const json = parseBoundedJson(payload, RECORDING_BOUNDS);
    if (!json.ok || !isJsonObject(json.value)) return;
    const { type, clipId, durationS, capturedAtMs } = json.value;
    if (type !== 'recording' || !isClipId(clipId) || !isFiniteNonNegative(durationS) || !isFiniteNonNegative(capturedAtMs)) return;
    // Kind from the registry, name and room as the owner set them in the app (issue 14).
    const kind = this.cloud.devices.get(parsed.deviceId)?.kind ?? 'doorbell';
    const placement = (kind === 'doorbell' ? undefined : this.placements.get(parsed.deviceId)) ?? DOORBELL_PLACEMENT;
    const recording = { clipId, deviceId: parsed.deviceId, homeId: parsed.homeId, durationS, capturedAtMs, kind, room: placement.room, sensitivity: placement.sensitivity };
    if (this.cloud.data.storeRecording(recording)) this.stored++;
  }

  async stop(): Promise<void> {
    await this.link.close();
  }
}
