import { describe, expect, it } from 'vitest';
import { lifecycleWorld } from '../property/support/lifecycle-commands.js';

/** Bad requests get a clear answer and change nothing else. */
describe('data requests', () => {
  const snapshot = (r: ReturnType<typeof lifecycleWorld>) => ({ live: r.lifecycle.store.live, receipts: r.lifecycle.receipts.length, profiles: [...r.lifecycle.profiles].map((p) => ({ ...p })) });

  it.each([
    [{ type: 'delete-voice-history', profile: 99 }, /unknown subject: no profile 99/],
    [{ type: 'delete-recording', itemId: 7 }, /no stored voice recording 7/],
    [{ type: 'delete-account', homeIndex: 5 }, /unknown subject: no household 5/],
    [{ type: 'delete-child-profile', profile: 0 }, /profile 0 is not a child profile/],
    [{ type: 'keep-child-profile', profile: 2 }, /not a child profile/],
  ] as const)('%j is refused (%s) and nothing changes', (request, reason) => {
    for (const defenses of ['alexa-2019', 'alexa-order-2023']) {
      const r = lifecycleWorld(1, defenses);
      r.lifecycle.voiceActivation(0);
      r.lifecycle.voiceActivation(1);
      const before = snapshot(r);
      const answer = r.lifecycle.request(request);
      expect(answer).toEqual({ ok: false, reason: expect.stringMatching(reason) });
      expect(snapshot(r)).toEqual(before);
    }
  });

  it('a deletion of something already deleted is refused', () => {
    const r = lifecycleWorld(1, 'alexa-order-2023');
    const recording = r.lifecycle.voiceActivation(0)!;
    expect(r.lifecycle.request({ type: 'delete-recording', itemId: recording }).ok).toBe(true);
    const before = snapshot(r);
    expect(r.lifecycle.request({ type: 'delete-recording', itemId: recording })).toEqual({ ok: false, reason: expect.stringMatching(/already deleted/) });
    expect(r.lifecycle.request({ type: 'delete-child-profile', profile: 1 }).ok).toBe(true);
    expect(r.lifecycle.request({ type: 'delete-child-profile', profile: 1 })).toEqual({ ok: false, reason: 'profile 1 is already deleted' });
    expect(r.lifecycle.store.live).toBe(before.live);
  });

  it('the receipt of a verified deletion checks clean; under alexa-2019 it shows the transcript and intent left', () => {
    for (const [defenses, left] of [['alexa-order-2023', 0], ['alexa-2019', 2]] as const) {
      const r = lifecycleWorld(1, defenses);
      const recording = r.lifecycle.voiceActivation(0)!;
      const answer = r.lifecycle.request({ type: 'delete-recording', itemId: recording });
      if (!answer.ok || !answer.receipt) throw new Error('refused');
      expect(r.lifecycle.verifyReceipt(answer.receipt).residualItems).toBe(left);
    }
  });
});
