import type { Link } from '../simulator/broker/link.js';
import type { SeededRandom } from '../simulator/core/random.js';
import type { TimerHandle } from '../simulator/core/scheduler.js';
import { ActivityProfile } from './activity-profile.js';
import type { DeviceActor, DeviceContext } from './device-kind.js';
import type { VoiceAssistantParams } from './voice-assistant-kind.js';

declare module '../simulator/core/event-log.js' {
  interface EventTypes {
    'voice-assistant.activation': { homeId: string; deviceId: string; profileId: string; child: boolean; recordingId: string; durationS: number };
  }
}

/** One voice profile of the household: who spoke, as the speaker's voice recognition tells them apart. */
export interface VoiceProfile {
  /** `{deviceId}-p{n}`: unique in the town, stable across the run. */
  readonly profileId: string;
  readonly child: boolean;
  readonly ageYears: number;
  readonly trainingConsent: boolean;
}

/**
 * A simulated smart speaker. Its household (1–2 adults, sometimes 1–2 children) is drawn from
 * its own stream when it connects; each profile's wake-word activations follow the daily
 * activity shape (activity-profile.ts) at the kind's rates. Each activation publishes
 * `{"type":"voice-recording",…}` on the media channel: the recording is uploaded, and the
 * transcript and intent are the cloud's work (simulator/cloud/ingest.ts).
 */
export class VoiceAssistant implements DeviceActor {
  readonly profiles: readonly VoiceProfile[];
  private readonly timers = new Map<string, TimerHandle>();
  private recordingCounter = 0;
  private stopped = false;

  private constructor(private readonly ctx: DeviceContext<VoiceAssistantParams>, private readonly link: Link) {
    const { random, params, record } = ctx;
    const adults = random.int(1, 2);
    const children = random.chance(params.childProfileShare) ? random.int(1, 2) : 0;
    const profiles: VoiceProfile[] = [];
    for (let i = 0; i < adults + children; i++) {
      const child = i >= adults;
      profiles.push({ profileId: `${record.deviceId}-p${i}`, child, ageYears: child ? random.int(3, 12) : random.int(18, 80), trainingConsent: random.chance(params.trainingConsentShare) });
    }
    this.profiles = profiles;
  }

  get record() {
    return this.ctx.record;
  }

  static async connect(ctx: DeviceContext<VoiceAssistantParams>): Promise<VoiceAssistant> {
    const link = await ctx.connect({ topic: ctx.topic('status'), payload: '{"online":false}', retain: true });
    const speaker = new VoiceAssistant(ctx, link);
    link.publish(ctx.topic('status'), JSON.stringify({ online: true, firmware: ctx.record.firmware }), { retain: true });
    // A stream per profile, made once: adding a child never shifts an adult's activations.
    for (const profile of speaker.profiles) speaker.scheduleNext(profile, ctx.rng(profile.profileId));
    return speaker;
  }

  private scheduleNext(profile: VoiceProfile, random: SeededRandom): void {
    const { params, world } = this.ctx;
    const at = new ActivityProfile(profile.child ? params.childActivationsPerDay : params.adultActivationsPerDay).nextAfter(world.now(), random);
    if (!Number.isFinite(at)) return;
    this.timers.set(
      profile.profileId,
      world.scheduler.at(at, () => {
        this.activate(profile, random.int(params.recordingMinS, params.recordingMaxS));
        if (!this.stopped) this.scheduleNext(profile, random);
      }),
    );
  }

  private activate(profile: VoiceProfile, durationS: number): void {
    const { world, record } = this.ctx;
    const recordingId = `${record.deviceId}-r${++this.recordingCounter}`;
    const { profileId, child, ageYears, trainingConsent } = profile;
    world.log.emit('voice-assistant.activation', { homeId: record.homeId, deviceId: record.deviceId, profileId, child, recordingId, durationS });
    this.link.publish(this.ctx.topic('media'), JSON.stringify({ type: 'voice-recording', recordingId, profileId, child, ageYears, trainingConsent, durationS, capturedAtMs: world.now() }));
    this.ctx.count('voice-assistant.activations');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) this.ctx.world.scheduler.cancel(timer);
    await this.link.close();
  }
}
