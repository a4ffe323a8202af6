import { describe, it, expect } from 'vitest';
import { MINUTE_MS } from '../../../simulator/core/duration.js';
import { newTotpSecret, totpNow } from '../../../simulator/cloud/totp.js';
import { authenticatorCode, latestSecondFactorCode, parseDefenses } from '../../../simulator/defenses/index.js';
import { eventsOf, lastLogin, ownerLogin, setup } from './helpers.js';

const PHONE = { ip: '198.51.100.10', clientFingerprint: 'owner-phone', actor: 'owner' as const };
const BOT = { ip: '203.0.113.50', clientFingerprint: 'bot', actor: 'attacker' as const };

describe('2fa-mandatory (SMS/e-mail code, Ring 2020)', () => {
  it('parks a correct password behind a ticket; the code from the owner’s mailbox completes the login', () => {
    const f = setup('2fa-mandatory');
    const first = ownerLogin(f, 0);
    expect(first).toMatchObject({ outcome: 'second-factor-required', session: undefined, secondFactorMethod: 'email' });
    expect(first.ticket).toMatch(/^[0-9a-f]{32}$/);
    expect(f.cloud.sessions.live('acct-0')).toHaveLength(0);
    const code = latestSecondFactorCode(f.cloud, 'acct-0')!;
    expect(code).toMatch(/^\d{6}$/);
    expect(eventsOf(f, 'defense.second-factor-sent')).toEqual([expect.objectContaining({ accountId: 'acct-0', method: 'email' })]);
    const done = f.cloud.login.verifySecondFactor(first.ticket!, code, PHONE);
    expect(done.outcome).toBe('ok');
    expect(done.session).toMatchObject({ accountId: 'acct-0', ip: PHONE.ip, heldBy: 'owner' });
    expect(f.cloud.accountForToken(done.session!.token)?.id).toBe('acct-0');
    expect(lastLogin(f)).toMatchObject({ outcome: 'ok', reason: 'second-factor-ok', stage: '2fa-mandatory' });
    // The ticket is spent.
    expect(f.cloud.login.verifySecondFactor(first.ticket!, code, PHONE).outcome).toBe('denied');
  });

  it('lets the client retry a wrong code and voids the ticket at the 5th wrong one', () => {
    const f = setup('2fa-mandatory');
    const first = ownerLogin(f, 1, { actor: 'attacker' });
    const code = latestSecondFactorCode(f.cloud, 'acct-1')!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let k = 0; k < 4; k++) {
      const r = f.cloud.login.verifySecondFactor(first.ticket!, wrong, BOT);
      expect(r).toMatchObject({ outcome: 'second-factor-required', ticket: first.ticket, session: undefined });
    }
    expect(f.cloud.login.verifySecondFactor(first.ticket!, wrong, BOT).outcome).toBe('denied');
    expect(lastLogin(f).reason).toBe('too-many-wrong-codes');
    // Even the right code is useless now.
    expect(f.cloud.login.verifySecondFactor(first.ticket!, code, BOT).outcome).toBe('denied');
    expect(eventsOf(f, 'defense.second-factor-void')).toHaveLength(1);
    expect(f.installed.stats()).toMatchObject({ '2fa-mandatory.wrongCodes': 5, '2fa-mandatory.voided': 1, '2fa-mandatory.accepted': 0 });
  });

  it('expires the ticket after codeTtlMs (10 minutes)', async () => {
    const f = setup('2fa-mandatory');
    const first = ownerLogin(f, 0);
    const code = latestSecondFactorCode(f.cloud, 'acct-0')!;
    await f.world.runUntil(10 * MINUTE_MS);
    expect(f.cloud.login.verifySecondFactor(first.ticket!, code, PHONE).outcome).toBe('denied');
    expect(lastLogin(f).reason).toBe('ticket-expired');
  });

  it('voids an open ticket when the password changes in between', () => {
    const f = setup('2fa-mandatory');
    const first = ownerLogin(f, 0, { actor: 'attacker' });
    const code = latestSecondFactorCode(f.cloud, 'acct-0')!;
    f.cloud.changePassword(f.accounts[0]!, 'brand-new', 'owner');
    expect(f.cloud.login.verifySecondFactor(first.ticket!, code, BOT).outcome).toBe('denied');
    expect(lastLogin(f).reason).toBe('credentials-changed');
  });

  it('denies an unknown ticket generically', () => {
    const f = setup('2fa-mandatory');
    const r = f.cloud.login.verifySecondFactor('f'.repeat(32), '123456', BOT);
    expect(r).toMatchObject({ outcome: 'denied', session: undefined, ticket: undefined });
  });

  it('prompts an SMS-enrolled owner by SMS', () => {
    const f = setup('2fa-mandatory');
    f.accounts[2]!.secondFactor = 'sms';
    expect(ownerLogin(f, 2).secondFactorMethod).toBe('sms');
  });

  it('with method=totp enrols every account in an authenticator app', () => {
    const f = setup(parseDefenses('2fa-mandatory', { '2fa-mandatory.method': 'totp' }));
    const first = ownerLogin(f, 0);
    expect(first.secondFactorMethod).toBe('totp');
    expect(f.accounts[0]!.secondFactor).toBe('totp');
    expect(latestSecondFactorCode(f.cloud, 'acct-0')).toBeUndefined(); // nothing is sent
    expect(f.cloud.login.verifySecondFactor(first.ticket!, authenticatorCode(f.cloud, f.accounts[0]!), PHONE).outcome).toBe('ok');
  });
});

describe('2fa-optional (only enrolled accounts)', () => {
  it('lets a non-enrolled account straight in and prompts a TOTP-enrolled one', () => {
    const f = setup('2fa-optional');
    expect(ownerLogin(f, 0).outcome).toBe('ok');
    const account = f.accounts[1]!;
    account.secondFactor = 'totp';
    account.totpSecret = newTotpSecret(f.world.rng('test/enrol'));
    const first = ownerLogin(f, 1);
    expect(first).toMatchObject({ outcome: 'second-factor-required', secondFactorMethod: 'totp' });
    const code = totpNow(account.totpSecret, f.world.now());
    expect(f.cloud.login.verifySecondFactor(first.ticket!, code, PHONE).outcome).toBe('ok');
  });

  it('rejects a TOTP code replayed on a second login within its step', () => {
    const f = setup('2fa-optional');
    const account = f.accounts[0]!;
    account.secondFactor = 'totp';
    account.totpSecret = newTotpSecret(f.world.rng('test/enrol'));
    const code = authenticatorCode(f.cloud, account);
    expect(f.cloud.login.verifySecondFactor(ownerLogin(f, 0).ticket!, code, PHONE).outcome).toBe('ok');
    // An attacker who shoulder-surfed the code and knows the password tries it at once.
    const replay = f.cloud.login.verifySecondFactor(ownerLogin(f, 0, { actor: 'attacker' }).ticket!, code, BOT);
    expect(replay.outcome).toBe('second-factor-required');
    expect(lastLogin(f).reason).toBe('wrong-code');
  });
});

describe('login pipeline without second-factor stages', () => {
  it('keeps its old API: use, login, finish, observe, stageNames', () => {
    const f = setup('none');
    const seen: string[] = [];
    f.cloud.login.observe((r) => seen.push(`${r.outcome}/${r.stage}`));
    f.cloud.login.use({ name: 'custom', beforePassword: (ctx) => (ctx.attempt.ip === '192.0.2.66' ? { outcome: 'challenge', reason: 'custom' } : undefined) });
    expect(f.cloud.login.stageNames()).toEqual(['custom']);
    expect(ownerLogin(f, 0, { ip: '192.0.2.66' })).toMatchObject({ outcome: 'challenge', latencyMs: 0 });
    const ok = ownerLogin(f, 0);
    expect(ok.outcome).toBe('ok');
    expect(ok.latencyMs).toBe(f.cloud.hasher.costMs);
    expect(seen).toEqual(['challenge/custom', 'ok/password']);
  });

  it('refuses a stage that asks for a second factor it cannot check', () => {
    const f = setup('none');
    f.cloud.login.use({ name: 'broken', afterPassword: () => ({ outcome: 'second-factor-required', reason: 'x' }) });
    expect(() => ownerLogin(f, 0)).toThrow(/broken/);
  });
});
