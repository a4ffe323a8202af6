import { describe, it, expect } from 'vitest';
import { MINUTE_MS } from '../../../simulator/core/duration.js';
import { parseDefenses } from '../../../simulator/defenses/index.js';
import { attempt, eventsOf, lastLogin, ownerLogin, setup } from './helpers.js';

describe('rate-limit-ip', () => {
  const spec = parseDefenses('rate-limit-ip', { 'rate-limit-ip.limit': 3, 'rate-limit-ip.windowMs': '1m' });

  it('refuses the attempt after `limit` from one IP with the generic answer, even with the right password', () => {
    const f = setup(spec);
    for (let i = 0; i < 3; i++) {
      expect(f.cloud.attemptLogin(attempt('user0@example.test', 'wrong', { ip: '203.0.113.5' })).outcome).toBe('denied');
      expect(lastLogin(f).stage).toBe('password');
    }
    const blocked = ownerLogin(f, 0, { ip: '203.0.113.5' });
    expect(blocked).toMatchObject({ outcome: 'denied', session: undefined, latencyMs: f.cloud.hasher.costMs });
    expect(lastLogin(f)).toMatchObject({ stage: 'rate-limit-ip', reason: 'rate-limit-ip' });
    // Another address has its own budget.
    expect(ownerLogin(f, 0, { ip: '198.51.100.7' }).outcome).toBe('ok');
    expect(f.installed.stats()).toMatchObject({ 'rate-limit-ip.blocked': 1, 'rate-limit-ip.episodes': 1, 'rate-limit-ip.checked': 5 });
  });

  it('admits again once the window has passed, and logs one event per refusal episode', async () => {
    const f = setup(spec);
    for (let i = 0; i < 3; i++) f.cloud.attemptLogin(attempt('nobody@example.test', 'x', { ip: '203.0.113.5' }));
    for (let i = 0; i < 5; i++) expect(ownerLogin(f, 0, { ip: '203.0.113.5' }).outcome).toBe('denied');
    const events = eventsOf(f, 'defense.rate-limited');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ defense: 'rate-limit-ip', key: '203.0.113.5', untilMs: MINUTE_MS });
    await f.world.runUntil(MINUTE_MS);
    expect(ownerLogin(f, 0, { ip: '203.0.113.5' }).outcome).toBe('ok');
  });
});

describe('rate-limit-account', () => {
  const spec = parseDefenses('rate-limit-account', { 'rate-limit-account.limit': 2, 'rate-limit-account.windowMs': '1h' });

  it('limits attempts on one account whatever IP they come from', () => {
    const f = setup(spec);
    f.cloud.attemptLogin(attempt('user1@example.test', 'guess-1', { ip: '203.0.113.1' }));
    f.cloud.attemptLogin(attempt('user1@example.test', 'guess-2', { ip: '203.0.113.2' }));
    expect(ownerLogin(f, 1, { ip: '198.51.100.1' }).outcome).toBe('denied');
    expect(lastLogin(f).stage).toBe('rate-limit-account');
    // Other accounts are unaffected.
    expect(ownerLogin(f, 2).outcome).toBe('ok');
  });

  it('does not track unknown e-mails (refusing them would look the same as the password check)', () => {
    const f = setup(spec);
    for (let i = 0; i < 10; i++) f.cloud.attemptLogin(attempt(`ghost${i}@example.test`, 'x'));
    expect(f.installed.stats()['rate-limit-account.trackedKeys']).toBe(0);
    expect(f.installed.stats()['rate-limit-account.blocked']).toBe(0);
  });

  it('releases the account after the window', async () => {
    const f = setup(spec);
    ownerLogin(f, 0);
    ownerLogin(f, 0);
    expect(ownerLogin(f, 0).outcome).toBe('denied');
    await f.world.runUntil(60 * MINUTE_MS);
    expect(ownerLogin(f, 0).outcome).toBe('ok');
  });
});
