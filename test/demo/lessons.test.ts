import { describe, expect, it } from 'vitest';
import { builtInScenario } from '../../scenarios/index.js';
import { LESSONS, lessonByKey } from '../../scenarios/lessons.js';
import { MINUTE_MS } from '../../simulator/core/duration.js';
import { REPLAY_FORMAT, replay, type ReplayAction, type ReplayFile } from '../../simulator/demo/replay.js';
import { BREACH_EVERYONE } from './breached-town.js';

/** A scripted classroom run: credential stuffing on a breached town, with these toggles. */
async function scriptedEvents(actions: ReplayAction[], durationMs: number, defenses = 'none') {
  const file: ReplayFile = { format: REPLAY_FORMAT, scenario: 'credential-stuffing', seed: 3, homes: 12, defenses, set: BREACH_EVERYONE, durationMs, actions };
  const run = await replay(builtInScenario('credential-stuffing'), file, true);
  const events = run.sim.world.log.events();
  await run.sim.stop();
  return events;
}

describe('lessons as data', () => {
  it('has at least 8 lessons, each with a unique key, a scenario the CLI can run, hints and a cited mitigation', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(LESSONS.map((l) => l.key)).size).toBe(LESSONS.length);
    for (const lesson of LESSONS) {
      expect(() => builtInScenario(lesson.scenario), lesson.key).not.toThrow();
      expect(lesson.steps.every((s) => s.hints.length > 0), lesson.key).toBe(true);
      expect(lesson.mitigation.source.length, lesson.key).toBeGreaterThan(0);
    }
  });

  const mfa = lessonByKey('mfa-stops-stuffing')!;
  const stuffing = lessonByKey('stuffing-takes-homes')!;
  const on = (atMs: number): ReplayAction => ({ atMs, kind: 'toggle', name: '2fa-mandatory', on: true });
  const off = (atMs: number): ReplayAction => ({ atMs, kind: 'toggle', name: '2fa-mandatory', on: false });

  it('"turn on 2FA mid-attack" completes when 2FA went on after takeovers and none followed', async () => {
    const events = await scriptedEvents([on(40 * MINUTE_MS)], 120 * MINUTE_MS);
    expect(stuffing.complete(events)).toBe(true);
    expect(mfa.complete(events)).toBe(true);
  });

  it('does not complete when 2FA never went on, or went off again and takeovers resumed', async () => {
    expect(mfa.complete(await scriptedEvents([], 120 * MINUTE_MS))).toBe(false);
    expect(mfa.complete(await scriptedEvents([on(40 * MINUTE_MS), off(45 * MINUTE_MS)], 120 * MINUTE_MS))).toBe(false);
  });

  it('"stuffing takes homes" does not complete when 2FA is mandatory from the start', async () => {
    expect(stuffing.complete(await scriptedEvents([], 120 * MINUTE_MS, '2fa-mandatory'))).toBe(false);
  });
});
