import { describe, it, expect } from 'vitest';
import { World } from '../../../simulator/core/world.js';
import { Cloud } from '../../../simulator/cloud/cloud.js';
import { parseDefenses, solveChallenge } from '../../../simulator/defenses/index.js';
import { attempt, lastLogin, ownerLogin, setup } from './helpers.js';

const sure = parseDefenses('bot-detection', { 'bot-detection.humanPassRate': 1, 'bot-detection.botSolveRate': 1 });

describe('bot-detection', () => {
  it('challenges a login without a pass token before anything else, known account or not', () => {
    const f = setup('bot-detection');
    for (const r of [ownerLogin(f, 0), f.cloud.attemptLogin(attempt('ghost@example.test', 'x'))]) {
      expect(r).toMatchObject({ outcome: 'challenge', session: undefined, latencyMs: 0 });
      expect(lastLogin(f)).toMatchObject({ stage: 'bot-detection', reason: 'bot-challenge' });
    }
  });

  it('lets a solved challenge through once; the token is single-use', () => {
    const f = setup(sure);
    const solution = solveChallenge(f.cloud, 'human');
    expect(solution).toMatchObject({ latencyMs: 18_000, costUsd: 0 });
    expect(solution.passToken).toMatch(/^[0-9a-f]{32}$/);
    expect(ownerLogin(f, 0, { challengePass: solution.passToken! }).outcome).toBe('ok');
    expect(ownerLogin(f, 0, { challengePass: solution.passToken! }).outcome).toBe('challenge');
    expect(ownerLogin(f, 0, { challengePass: 'forged' }).outcome).toBe('challenge');
    expect(f.installed.stats()).toMatchObject({ 'bot-detection.passesRedeemed': 1, 'bot-detection.passesRejected': 2 });
  });

  it('expires a pass token passTokenTtlMs after the solve finished', async () => {
    const f = setup(sure);
    const { passToken, latencyMs } = solveChallenge(f.cloud, 'bot');
    await f.world.runUntil(latencyMs + 5 * 60_000);
    expect(ownerLogin(f, 0, { challengePass: passToken!, actor: 'attacker' }).outcome).toBe('challenge');
  });

  it('bills the attacker per solve and fails bots at the configured rate', () => {
    const f = setup('bot-detection');
    let solved = 0;
    const n = 2000;
    for (let k = 0; k < n; k++) if (solveChallenge(f.cloud, 'bot').passToken !== null) solved++;
    // Default 85% (Searles et al. 2023); binomial sd ≈ 16 at n = 2000.
    expect(solved / n).toBeGreaterThan(0.8);
    expect(solved / n).toBeLessThan(0.9);
    const stats = f.installed.stats();
    expect(stats['bot-detection.botSolves']).toBe(solved);
    expect(stats['bot-detection.botFailures']).toBe(n - solved);
    expect(stats['bot-detection.botCostUsd']).toBeCloseTo(n * 0.00299, 6);
  });

  it('with trigger=ip-velocity challenges only an IP over its threshold', () => {
    const f = setup(parseDefenses('bot-detection', { 'bot-detection.trigger': 'ip-velocity', 'bot-detection.ipThreshold': 3 }));
    for (let k = 0; k < 3; k++) expect(f.cloud.attemptLogin(attempt('user1@example.test', `g${k}`, { ip: '203.0.113.1' })).outcome).toBe('denied');
    expect(f.cloud.attemptLogin(attempt('user1@example.test', 'g4', { ip: '203.0.113.1' })).outcome).toBe('challenge');
    expect(ownerLogin(f, 1).outcome).toBe('ok');
  });

  it('refuses to solve when the switch is off', () => {
    const world = new World({ seed: 1 });
    expect(() => solveChallenge(new Cloud(world), 'bot')).toThrow(/bot-detection is not installed/);
  });
});
