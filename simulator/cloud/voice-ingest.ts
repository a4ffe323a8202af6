import { isJsonObject, parseBoundedJson, type JsonBounds } from '../broker/bounded-json.js';
import type { World } from '../core/world.js';
import { installedLifecycle } from '../lifecycle/build.js';

/** As a clip's announcement (ingest.ts RECORDING_BOUNDS): a flat object of a couple of hundred bytes. */
const VOICE_BOUNDS: JsonBounds = { maxBytes: 4 * 1024, maxDepth: 4 };

/** Longest profile id accepted; the simulator's are `{deviceId}-p{n}`, a dozen characters. */
const MAX_PROFILE_ID_CHARS = 256;
/** Oldest age a profile may state (a bound on client data, not a figure). */
const MAX_AGE_YEARS = 130;

/** What a voice assistant's `{"type":"voice-recording",…}` announcement says, checked. */
export interface VoiceRecordingMessage {
  readonly profileId: string;
  readonly child: boolean;
  readonly ageYears: number;
  readonly trainingConsent: boolean;
  readonly durationS: number;
}

const isFiniteNonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The announcement's fields, or undefined for anything that is not a well-formed one (client data). */
export function parseVoiceRecording(payload: string): VoiceRecordingMessage | undefined {
  const json = parseBoundedJson(payload, VOICE_BOUNDS);
  if (!json.ok || !isJsonObject(json.value)) return undefined;
  const { type, profileId, child, ageYears, trainingConsent, durationS } = json.value;
  if (type !== 'voice-recording') return undefined;
  if (typeof profileId !== 'string' || profileId.length === 0 || profileId.length > MAX_PROFILE_ID_CHARS) return undefined;
  if (typeof child !== 'boolean' || typeof trainingConsent !== 'boolean' || !isFiniteNonNegative(durationS)) return undefined;
  if (!Number.isInteger(ageYears) || (ageYears as number) < 0 || (ageYears as number) > MAX_AGE_YEARS) return undefined;
  return { profileId, child, ageYears: ageYears as number, trainingConsent, durationS };
}

/** `home-00042` → 41, the town's home index (population/town.ts homeId); undefined for any other id. */
export function homeIndexOf(homeId: string): number | undefined {
  const match = /^home-(\d{5,})$/.exec(homeId);
  return match ? Number(match[1]) - 1 : undefined;
}

/**
 * Hands voice recordings that crossed the broker to the world's data lifecycle, when a
 * scenario installed one (lifecycle/build.ts): the recording, and the cloud's transcript and
 * intent derived from it, become lineage items under the run's data defences. A speaker's
 * profile becomes a lifecycle profile of its home the first time it speaks. Without an
 * installed lifecycle nothing is kept (the count `dropped` says how many).
 */
export class VoiceRecordingSink {
  stored = 0;
  dropped = 0;
  /** Speaker profile id → lifecycle profile id, per lifecycle (a run installs one). */
  private readonly profiles = new Map<string, number>();

  constructor(private readonly world: World) {}

  receive(homeId: string, payload: string): void {
    const lifecycle = installedLifecycle(this.world);
    const message = parseVoiceRecording(payload);
    const homeIndex = homeIndexOf(homeId);
    if (!lifecycle || !message || homeIndex === undefined) {
      this.dropped++;
      return;
    }
    // The key names the home too: a device may only speak for profiles of the home it is in.
    const key = `${homeId}/${message.profileId}`;
    let profile = this.profiles.get(key);
    if (profile === undefined) {
      profile = lifecycle.addProfile(homeIndex, message.child, message.ageYears, message.trainingConsent).id;
      this.profiles.set(key, profile);
    }
    if (lifecycle.voiceActivation(profile) === undefined) this.dropped++;
    else this.stored++;
  }
}
