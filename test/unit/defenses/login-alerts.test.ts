import { describe, it, expect } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../../simulator/core/duration.js';
import { latestSecondFactorCode, ownerNotices, parseDefenses, type OwnerPasswordChange } from '../../../simulator/defenses/index.js';
import { attempt, eventsOf, ownerLogin, setup } from './helpers.js';

const ATTACKER = { ip: '203.0.113.66', fp: 'openbullet', actor: 'attacker' as const };

describe('login-alerts', () => {
  it('alerts on a new device; the alerted owner revokes sessions and changes the password after the delay', async () => {
    const f = setup(parseDefenses('login-alerts', { 'login-alerts.reactProbability': 1, 'login-alerts.reactDelayMs': '30m' }));
    const changes: OwnerPasswordChange[] = [];
    ownerNotices(f.cloud).onPasswordChanged((c) => changes.push(c));
    const own = ownerLogin(f, 0); // first login: a new device too, but the owner knows it was them
    const stolen = ownerLogin(f, 0, ATTACKER);
    expect(stolen.outcome).toBe('ok');
    expect(eventsOf(f, 'defense.login-alert').map((e) => (e as unknown as { clientFingerprint: string }).clientFingerprint)).toEqual([
      'owner-phone',
      'openbullet',
    ]);
    await f.world.runUntil(30 * MINUTE_MS - 1);
    expect(f.cloud.sessions.validate(stolen.session!.token)).toBeDefined();
    await f.world.runUntil(30 * MINUTE_MS);
    expect(f.cloud.sessions.validate(stolen.session!.token)).toBeUndefined();
    expect(f.cloud.sessions.validate(own.session!.token)).toBeUndefined();
    expect(eventsOf(f, 'defense.owner-reacted')).toEqual([expect.objectContaining({ accountId: 'acct-0', sessionsRevoked: 2 })]);
    expect(eventsOf(f, 'cloud.password-changed')).toEqual([expect.objectContaining({ accountId: 'acct-0', by: 'owner' })]);
    // The old password no longer works; the owner's new one does.
    expect(ownerLogin(f, 0, ATTACKER).outcome).toBe('denied');
    expect(changes).toHaveLength(1);
    expect(f.cloud.attemptLogin(attempt('user0@example.test', changes[0]!.newPassword)).outcome).toBe('ok');
    expect(f.installed.stats()).toMatchObject({
      'login-alerts.alerts': 2,
      'login-alerts.alertsOwnLogin': 1,
      'login-alerts.alertsForeignLogin': 1,
      'login-alerts.reactions': 1,
    });
  });

  it('does not alert on a known device, and nobody reacts when reactProbability is 0', async () => {
    const f = setup(parseDefenses('login-alerts', { 'login-alerts.reactProbability': 0 }));
    ownerLogin(f, 0);
    ownerLogin(f, 0, { ip: '192.0.2.200' }); // same phone, new network
    expect(eventsOf(f, 'defense.login-alert')).toHaveLength(1);
    const stolen = ownerLogin(f, 0, ATTACKER);
    await f.world.runUntil(24 * HOUR_MS);
    expect(f.cloud.sessions.validate(stolen.session!.token)).toBeDefined();
    expect(f.installed.stats()['login-alerts.ignored']).toBe(1);
  });

  it('alerts on a new IP with trigger=new-device-or-ip', () => {
    const f = setup(parseDefenses('login-alerts', { 'login-alerts.trigger': 'new-device-or-ip', 'login-alerts.reactProbability': 0 }));
    ownerLogin(f, 0);
    ownerLogin(f, 0, { ip: '192.0.2.200' });
    expect(eventsOf(f, 'defense.login-alert')).toHaveLength(2);
  });

  it('treats devices with live sessions from before as known', () => {
    const f = setup(parseDefenses('login-alerts', { 'login-alerts.reactProbability': 0 }));
    f.cloud.sessions.mint(f.accounts[0]!, { ip: '198.51.100.10', clientFingerprint: 'owner-phone', heldBy: 'owner' });
    ownerLogin(f, 0);
    expect(eventsOf(f, 'defense.login-alert')).toHaveLength(0);
  });

  it('alerts only when a second-factor login completes, naming the device that completed it', () => {
    const f = setup(parseDefenses('2fa-mandatory,login-alerts', { 'login-alerts.reactProbability': 0 }));
    const first = ownerLogin(f, 0, ATTACKER);
    expect(first.outcome).toBe('second-factor-required');
    expect(eventsOf(f, 'defense.login-alert')).toHaveLength(0); // a correct password alone is no login
    const code = latestSecondFactorCode(f.cloud, 'acct-0')!;
    f.cloud.login.verifySecondFactor(first.ticket!, code, { ip: '192.0.2.77', clientFingerprint: 'laptop', actor: 'owner' });
    expect(eventsOf(f, 'defense.login-alert')).toEqual([expect.objectContaining({ accountId: 'acct-0', ip: '192.0.2.77', clientFingerprint: 'laptop' })]);
  });
});
