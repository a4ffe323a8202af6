import { z } from 'zod';
import { DEFAULT_HOUSEHOLD_PARAMS } from '../simulator/lifecycle/households.js';
import { defineDeviceKind } from './device-kind.js';
import { VoiceAssistant } from './voice-assistant.js';

const share = z.number().min(0).max(1);
const rate = z.number().min(0).max(1_000);

/**
 * The voice assistant's parameters (`--set voice-assistant.shareOfHomes=1`). The household
 * figures are the lifecycle's own defaults (simulator/lifecycle/households.ts), so a run over
 * MQTT and a run of the households model describe the same homes.
 */
export const voiceAssistantParamsSchema = z
  .object({
    /** 0 by default: no existing run has one (pinned hashes); a study turns it on. */
    shareOfHomes: share.default(0).describe('share of homes with a voice assistant (0: a study turns it on)'),
    childProfileShare: share.default(DEFAULT_HOUSEHOLD_PARAMS.childProfileShare).describe('share of homes with a child profile (an assumption; the Alexa complaint: 800,000+ child profiles in the US)'),
    adultActivationsPerDay: rate.default(DEFAULT_HOUSEHOLD_PARAMS.adultActivationsPerDay).describe('mean wake-word activations a day per adult profile (an assumption: a few a day)'),
    childActivationsPerDay: rate.default(DEFAULT_HOUSEHOLD_PARAMS.childActivationsPerDay).describe('mean wake-word activations a day per child profile (an assumption)'),
    trainingConsentShare: share.default(DEFAULT_HOUSEHOLD_PARAMS.trainingConsentShare).describe('share of profiles that consented to training (an assumption)'),
    /** A spoken request is a few seconds (an assumption: short commands and questions). */
    recordingMinS: z.number().int().min(1).default(2).describe('shortest voice recording, s (an assumption: short spoken requests)'),
    recordingMaxS: z.number().int().min(1).default(8).describe('longest voice recording, s (an assumption: short spoken requests)'),
  })
  .strict()
  .refine((d) => d.recordingMaxS >= d.recordingMinS, { message: 'recordingMaxS must be >= recordingMinS', path: ['recordingMaxS'] });

export type VoiceAssistantParams = z.output<typeof voiceAssistantParamsSchema>;

/**
 * The smart speaker (Echo-like), a built-in kind in no home by default: its wake-word
 * activations upload recordings on its media channel, which the cloud's ingest hands to the
 * world's data lifecycle (docs/data-lifecycle.md, "The voice assistant over MQTT").
 */
export const voiceAssistantKind = defineDeviceKind({
  name: 'voice-assistant',
  summary: 'Smart speaker: wake-word activations upload voice recordings (adult and child profiles)',
  params: voiceAssistantParamsSchema,
  publishes: ['status', 'media'],
  commands: [],
  idPrefix: 'va',
  firmwareVersions: ['8.1.0', '8.2.4'],
  shareOfHomes: (params) => params.shareOfHomes,
  metrics: ['voice-assistant.activations'],
  create: (context) => VoiceAssistant.connect(context),
});
