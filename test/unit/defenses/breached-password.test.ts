import { describe, it, expect } from 'vitest';
import { breachCorpus, changePasswordChecked, createAccountChecked, parseDefenses } from '../../../simulator/defenses/index.js';
import { attempt, eventsOf, lastLogin, ownerLogin, setup } from './helpers.js';

const SIGNUP = { id: 'acct-new', email: 'new@example.test', homeIds: ['home-new'], nowMs: 0 };

describe('breached-password', () => {
  it('refuses a breached password at sign-up and accepts another', () => {
    const f = setup('breached-password');
    breachCorpus(f.cloud).addAll(['hunter2', 'letmein1']);
    expect(createAccountChecked(f.cloud, { ...SIGNUP, password: 'hunter2' })).toEqual({ ok: false, reason: 'breached-password' });
    expect(f.cloud.accounts.findByEmail('new@example.test')).toBeUndefined();
    const created = createAccountChecked(f.cloud, { ...SIGNUP, password: 'correct horse battery' });
    expect(created.ok && created.account.id).toBe('acct-new');
    expect(eventsOf(f, 'defense.breached-password')).toEqual([expect.objectContaining({ accountId: null, at: 'signup' })]);
  });

  it('refuses a breached password at change; an accepted change revokes sessions', () => {
    const f = setup('breached-password');
    breachCorpus(f.cloud).add('hunter2');
    const session = ownerLogin(f, 0).session!;
    expect(changePasswordChecked(f.cloud, f.accounts[0]!, 'hunter2', 'owner')).toEqual({ ok: false, reason: 'breached-password' });
    expect(f.cloud.sessions.validate(session.token)).toBeDefined();
    expect(changePasswordChecked(f.cloud, f.accounts[0]!, 'fresh-and-long', 'owner')).toEqual({ ok: true });
    expect(f.cloud.sessions.validate(session.token)).toBeUndefined();
    expect(f.cloud.attemptLogin(attempt('user0@example.test', 'fresh-and-long')).outcome).toBe('ok');
    expect(f.installed.stats()).toMatchObject({ 'breached-password.refusedAtChange': 1, 'breached-password.corpusSize': 1 });
  });

  it('forces a reset when a correct password is breached; a wrong one is just denied', () => {
    const f = setup('breached-password');
    breachCorpus(f.cloud).add('pw-0'); // owner 0 reused a password that leaked elsewhere
    const r = ownerLogin(f, 0, { actor: 'attacker' });
    expect(r).toMatchObject({ outcome: 'password-reset-required', session: undefined });
    expect(lastLogin(f)).toMatchObject({ stage: 'breached-password', reason: 'breached-password' });
    expect(f.cloud.attemptLogin(attempt('user1@example.test', 'pw-0')).outcome).toBe('denied');
    expect(ownerLogin(f, 1).outcome).toBe('ok'); // not breached
    // After the owner resets, logins work again.
    changePasswordChecked(f.cloud, f.accounts[0]!, 'a-new-secret', 'owner');
    expect(f.cloud.attemptLogin(attempt('user0@example.test', 'a-new-secret')).outcome).toBe('ok');
  });

  it('checks nothing when switched off, or per place when configured', () => {
    const off = setup('none');
    breachCorpus(off.cloud).add('pw-0');
    expect(ownerLogin(off, 0).outcome).toBe('ok');
    expect(createAccountChecked(off.cloud, { ...SIGNUP, password: 'pw-0' }).ok).toBe(true);
    const loginOnly = setup(parseDefenses('breached-password', { 'breached-password.checkAtSignup': 'false' }));
    breachCorpus(loginOnly.cloud).add('pw-0');
    expect(createAccountChecked(loginOnly.cloud, { ...SIGNUP, password: 'pw-0' }).ok).toBe(true);
    expect(ownerLogin(loginOnly, 0).outcome).toBe('password-reset-required');
  });

  it('runs before the second factor: a breached password never gets a code sent', () => {
    const f = setup('breached-password,2fa-mandatory');
    breachCorpus(f.cloud).add('pw-0');
    expect(ownerLogin(f, 0).outcome).toBe('password-reset-required');
    expect(eventsOf(f, 'defense.second-factor-sent')).toHaveLength(0);
  });
});
