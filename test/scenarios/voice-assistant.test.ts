import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DAY_MS } from '../../simulator/core/duration.js';
import { homeIndexOf, parseVoiceRecording } from '../../simulator/cloud/voice-ingest.js';
import { installLifecycle, lifecycleFor } from '../../simulator/lifecycle/build.js';
import type { DataLifecycle } from '../../simulator/lifecycle/data-lifecycle.js';
import type { ReceiptCheck } from '../../simulator/lifecycle/requests.js';
import { runScenario } from '../../simulator/runner/run-scenario.js';
import { defineScenario } from '../../simulator/runner/scenario.js';
import { quietTown } from '../../scenarios/lifecycle/households-kit.js';

/**
 * The voice assistant as a real MQTT device (devices/voice-assistant.ts): its recordings
 * cross the broker, the cloud's ingest hands them to the installed lifecycle, and a
 * deletion request meets them there under the run's data defences.
 */

const REQUEST_AT_MS = 10 * DAY_MS;

interface Observed {
  lifecycle: DataLifecycle;
  voiceStored: number;
  voiceDropped: number;
  /** Transcripts of each asking profile still in the primary store just after its request. */
  transcriptsRightAfter: number;
  checks: ReceiptCheck[];
}

/** A test scenario: a quiet town, a lifecycle installed, every voice profile asks to delete its voice history on day 10. */
function studyScenario(observed: Partial<Observed>, install = true) {
  return defineScenario({
    name: 'voice-assistant-study',
    summary: 'test: voice recordings over MQTT into the lifecycle, then deletion requests',
    params: z.object({}).strict(),
    configure: (_p, world) => quietTown(world),
    setup({ sim }) {
      if (!install) return;
      const lifecycle = installLifecycle(lifecycleFor(sim.world, sim.cloud.data));
      lifecycle.start();
      observed.lifecycle = lifecycle;
      sim.world.scheduler.at(REQUEST_AT_MS, () => {
        const asking = [...lifecycle.profiles].map((p) => p.id);
        for (const profile of asking) expect(lifecycle.request({ type: 'delete-voice-history', profile }).ok).toBe(true);
        observed.transcriptsRightAfter = asking.reduce((n, p) => n + lifecycle.store.itemsOf(p).filter((id) => lifecycle.store.kindOf(id) === 'transcript' && !lifecycle.store.isBackup(id)).length, 0);
      });
    },
    finish({ sim }) {
      observed.voiceStored = sim.ingest.voice.stored;
      observed.voiceDropped = sim.ingest.voice.dropped;
      if (observed.lifecycle) observed.checks = observed.lifecycle.receipts.map((r) => observed.lifecycle!.verifyReceipt(r));
    },
  });
}

const run = async (defenses: string, install = true, seed = 7) => {
  const observed: Partial<Observed> = {};
  const { report } = await runScenario(studyScenario(observed, install), { seed, homes: 12, duration: '45d', transport: 'mqtt', defenses, set: ['voice-assistant.shareOfHomes=1'] });
  return { observed, metrics: report.metrics };
};

const sum = (checks: readonly ReceiptCheck[], store: string) => checks.reduce((n, c) => n + (c.residualByStore[store] ?? 0), 0);

describe('the voice assistant over MQTT', () => {
  it('stores every activation that crossed the broker as a voice-recording item with its transcript and intent', async () => {
    const { observed, metrics } = await run('alexa-2019');
    const activations = metrics['voice-assistant.activations'] as number;
    const lifecycle = observed.lifecycle!;
    // 12 homes, ≥ 1 adult each at 1.5 a day for 45 days: hundreds of activations.
    expect(activations).toBeGreaterThan(12 * 45);
    console.log(`${activations} activations over MQTT, ${observed.voiceStored} stored, ${[...lifecycle.profiles].length} profiles`);
    expect(observed.voiceStored).toBe(activations);
    expect(observed.voiceDropped).toBe(0);
    expect(lifecycle.made.get('voice-recording')).toBe(activations);
    expect(lifecycle.made.get('transcript')).toBe(activations);
    expect(lifecycle.made.get('intent')).toBe(activations);
    // Every home's speaker became profiles of that home, children among them somewhere.
    const profiles = [...lifecycle.profiles];
    expect(new Set(profiles.map((p) => p.homeIndex))).toEqual(new Set(Array.from({ length: 12 }, (_, i) => i)));
    expect(profiles.some((p) => p.child)).toBe(true);
  }, 60_000);

  it('under verified-deletion a deletion removes the recordings and their transcripts, from every store by the stated time', async () => {
    const { observed } = await run('verified-deletion');
    expect(observed.checks!.length).toBeGreaterThan(12);
    expect(observed.transcriptsRightAfter).toBe(0);
    for (const check of observed.checks!) expect(check.residualItems).toBe(0);
  }, 60_000);

  it('under alexa-2019 the recordings go but their transcripts remain', async () => {
    const { observed } = await run('alexa-2019');
    const checks = observed.checks!;
    console.log(`alexa-2019: ${checks.length} requests, ${observed.transcriptsRightAfter} transcripts left right after, residual ${checks.reduce((n, c) => n + c.residualItems, 0)} items (${sum(checks, 'transcript')} transcripts, ${sum(checks, 'intent')} intents, ${sum(checks, 'backup')} backups)`);
    expect(sum(checks, 'voice-recording')).toBe(0);
    expect(sum(checks, 'transcript')).toBeGreaterThan(0);
    expect(observed.transcriptsRightAfter).toBe(sum(checks, 'transcript'));
  }, 60_000);

  it('without an installed lifecycle the cloud keeps none of them, and counts them dropped', async () => {
    const { observed, metrics } = await run('none', false);
    expect(metrics['voice-assistant.activations']).toBeGreaterThan(0);
    expect(observed.voiceStored).toBe(0);
    expect(observed.voiceDropped).toBe(metrics['voice-assistant.activations']);
  }, 60_000);
});

describe('the voice recording announcement, as client data', () => {
  const good = { type: 'voice-recording', recordingId: 'va-00001-r1', profileId: 'va-00001-p0', child: false, ageYears: 40, trainingConsent: true, durationS: 3, capturedAtMs: 0 };
  it('accepts a well-formed one and refuses malformed fields', () => {
    expect(parseVoiceRecording(JSON.stringify(good))).toEqual({ profileId: 'va-00001-p0', child: false, ageYears: 40, trainingConsent: true, durationS: 3 });
    for (const bad of [{ profileId: '' }, { profileId: 'x'.repeat(257) }, { child: 'yes' }, { ageYears: -1 }, { ageYears: 2.5 }, { ageYears: 131 }, { durationS: -1 }, { type: 'recording' }]) {
      expect(parseVoiceRecording(JSON.stringify({ ...good, ...bad })), JSON.stringify(bad)).toBeUndefined();
    }
    expect(parseVoiceRecording('{"type":"voice-recording","durationS":1e999}')).toBeUndefined();
    expect(parseVoiceRecording('x'.repeat(5000))).toBeUndefined();
  });
  it('reads the home index from the town\'s home ids only', () => {
    expect(homeIndexOf('home-00001')).toBe(0);
    expect(homeIndexOf('home-00042')).toBe(41);
    expect(homeIndexOf('home-1')).toBeUndefined();
    expect(homeIndexOf('elsewhere')).toBeUndefined();
  });
});
