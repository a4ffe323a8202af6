import { describe, it, expect } from 'vitest';
import { MINUTE_MS } from '../../../simulator/core/duration.js';
import { latestSecondFactorCode, parseDefenses } from '../../../simulator/defenses/index.js';
import { attempt, eventsOf, lastLogin, ownerLogin, setup } from './helpers.js';

function wrong(f: ReturnType<typeof setup>, times: number, i = 0): void {
  for (let k = 0; k < times; k++) f.cloud.attemptLogin(attempt(`user${i}@example.test`, `guess-${k}`, { ip: `203.0.113.${k % 200}`, actor: 'attacker' }));
}

describe('lockout', () => {
  it('locks the account after `threshold` failures from anywhere; it expires and the owner logs in again', async () => {
    const f = setup(parseDefenses('lockout', { 'lockout.threshold': 3, 'lockout.durationMs': '15m' }));
    wrong(f, 3);
    const locked = ownerLogin(f, 0);
    expect(locked.outcome).toBe('denied');
    expect(lastLogin(f)).toMatchObject({ stage: 'lockout', reason: 'account-locked' });
    expect(eventsOf(f, 'defense.lockout')).toEqual([expect.objectContaining({ accountId: 'acct-0', failures: 3, durationMs: 15 * MINUTE_MS })]);
    expect(ownerLogin(f, 1).outcome).toBe('ok'); // other accounts unaffected
    await f.world.runUntil(15 * MINUTE_MS - 1);
    expect(ownerLogin(f, 0).outcome).toBe('denied');
    await f.world.runUntil(15 * MINUTE_MS);
    const back = ownerLogin(f, 0);
    expect(back.outcome).toBe('ok');
    expect(back.session?.accountId).toBe('acct-0');
    expect(f.installed.stats()).toMatchObject({ 'lockout.lockouts': 1, 'lockout.blocked': 2 });
  });

  it('forgets failures older than the window and resets on success', async () => {
    const f = setup(parseDefenses('lockout', { 'lockout.threshold': 3, 'lockout.windowMs': '10m' }));
    wrong(f, 2);
    await f.world.runUntil(10 * MINUTE_MS);
    wrong(f, 2);
    expect(ownerLogin(f, 0).outcome).toBe('ok'); // 2 + 2 across windows: never 3 inside one
    wrong(f, 2);
    expect(ownerLogin(f, 0).outcome).toBe('ok'); // success reset the count
    expect(f.installed.stats()['lockout.lockouts']).toBe(0);
  });

  it('grows the lockout with each repeat when growthFactor > 1, capped at maxDurationMs', async () => {
    const f = setup(parseDefenses('lockout', { 'lockout.threshold': 1, 'lockout.durationMs': '1m', 'lockout.growthFactor': 2, 'lockout.maxDurationMs': '3m' }));
    wrong(f, 1);
    await f.world.runUntil(MINUTE_MS);
    wrong(f, 1);
    await f.world.runUntil(MINUTE_MS + 2 * MINUTE_MS);
    wrong(f, 1);
    expect(eventsOf(f, 'defense.lockout').map((e) => (e as unknown as { durationMs: number }).durationMs)).toEqual([
      MINUTE_MS,
      2 * MINUTE_MS,
      3 * MINUTE_MS,
    ]);
  });

  it('counts wrong second-factor codes as failures (NIST 800-63B §5.2.2 covers every factor)', () => {
    const f = setup(parseDefenses('lockout,2fa-mandatory', { 'lockout.threshold': 3 }));
    const first = ownerLogin(f, 0, { actor: 'attacker' });
    expect(first.outcome).toBe('second-factor-required');
    const from = { ip: '203.0.113.1', clientFingerprint: 'bot', actor: 'attacker' as const };
    for (let k = 0; k < 3; k++) f.cloud.login.verifySecondFactor(first.ticket!, '000000', from);
    expect(ownerLogin(f, 0).outcome).toBe('denied');
    expect(lastLogin(f).stage).toBe('lockout');
    expect(latestSecondFactorCode(f.cloud, 'acct-0')).toMatch(/^\d{6}$/);
  });

  it('uses NIST 800-63B’s ceiling of 100 failures in the nist profile', () => {
    const f = setup('nist');
    wrong(f, 99);
    // 99 failures: rate-limit-account (100/h) and lockout (100) both still let the owner in.
    expect(ownerLogin(f, 0).outcome).toBe('ok');
    const g = setup('nist');
    wrong(g, 100);
    expect(ownerLogin(g, 0).outcome).toBe('denied');
    expect(eventsOf(g, 'defense.lockout')).toEqual([expect.objectContaining({ accountId: 'acct-0', failures: 100 })]);
  });
});
