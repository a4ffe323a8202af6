import type { Link } from '../broker/link.js';
import { parseDeviceTopicCached } from '../broker/topics.js';
import type { Cloud } from './cloud.js';

/**
 * The cloud's recording service: an MQTT subscriber (service principal) on every home's
 * media channel that stores the clips doorbells announce. It is a real broker client, so a
 * clip exists in the cloud only if its announcement crossed the broker.
 */
export class RecordingIngest {
  stored = 0;

  constructor(private readonly cloud: Cloud, private readonly link: Link) {}

  static async start(cloud: Cloud, link: Link): Promise<RecordingIngest> {
    const ingest = new RecordingIngest(cloud, link);
    link.onMessage((topic, payload) => ingest.receive(topic, payload));
    const granted = await link.subscribe('homes/+/devices/+/media');
    if (!granted) throw new Error('recording ingest: the broker refused homes/+/devices/+/media');
    return ingest;
  }

  private receive(topic: string, payload: string): void {
    // Live-view announcements share the channel; only a payload naming a recording can be one.
    if (!payload.includes('"recording"')) return;
    const parsed = parseDeviceTopicCached(topic);
    if (!parsed) return;
    let message: { type?: unknown; clipId?: unknown; durationS?: unknown; capturedAtMs?: unknown };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (message.type !== 'recording' || typeof message.clipId !== 'string' || typeof message.durationS !== 'number' || typeof message.capturedAtMs !== 'number') return;
    this.cloud.recordings.add({ clipId: message.clipId, deviceId: parsed.deviceId, homeId: parsed.homeId, durationS: message.durationS, capturedAtMs: message.capturedAtMs });
    this.stored++;
  }

  async stop(): Promise<void> {
    await this.link.close();
  }
}
