import { describe, it, expect } from 'vitest';
import { parseDefenses } from '../../../simulator/defenses/index.js';
import { attempt, setup } from './helpers.js';

/**
 * OWASP ASVS 6.3.8 / 2.2.1: a client must not tell a wrong password, an unknown account and
 * a locked account apart — not by outcome, not by any field, not by latency.
 */
describe('one generic denial', () => {
  it('answers wrong password, unknown account and locked account identically', () => {
    const f = setup(parseDefenses('lockout,rate-limit-ip,consecutive-fails,breached-password,2fa-mandatory,login-alerts', { 'lockout.threshold': 2 }));
    for (let k = 0; k < 2; k++) f.cloud.attemptLogin(attempt('user1@example.test', `guess-${k}`, { ip: `203.0.113.${k}` }));
    const wrongPassword = f.cloud.attemptLogin(attempt('user0@example.test', 'not-it', { ip: '192.0.2.1' }));
    const unknownAccount = f.cloud.attemptLogin(attempt('nobody@example.test', 'pw-0', { ip: '192.0.2.2' }));
    const lockedRightPassword = f.cloud.attemptLogin(attempt('user1@example.test', 'pw-1', { ip: '192.0.2.3' }));
    const lockedWrongPassword = f.cloud.attemptLogin(attempt('user1@example.test', 'nope', { ip: '192.0.2.4' }));
    for (const r of [unknownAccount, lockedRightPassword, lockedWrongPassword]) expect(r).toStrictEqual(wrongPassword);
    expect(wrongPassword.outcome).toBe('denied');
    expect(wrongPassword.latencyMs).toBe(f.cloud.hasher.costMs);
    expect(JSON.stringify(lockedRightPassword)).toBe(JSON.stringify(wrongPassword));
  });

  it('answers a rate-limited attempt with the same denial', () => {
    const f = setup(parseDefenses('rate-limit-ip', { 'rate-limit-ip.limit': 1 }));
    const wrongPassword = f.cloud.attemptLogin(attempt('user0@example.test', 'not-it', { ip: '192.0.2.9' }));
    const throttled = f.cloud.attemptLogin(attempt('user0@example.test', 'pw-0', { ip: '192.0.2.9' }));
    expect(throttled).toStrictEqual(wrongPassword);
  });

  it('holds without defences too', () => {
    const f = setup('none');
    expect(f.cloud.attemptLogin(attempt('nobody@example.test', 'x'))).toStrictEqual(f.cloud.attemptLogin(attempt('user0@example.test', 'x')));
  });
});
