import { beforeAll, describe, expect, it } from 'vitest';
import { runSeeds, values, type Metrics } from './helpers.js';

/**
 * Mandatory 2FA: the attacker holds right passwords but not the phone, so a takeover needs
 * a guessed code, and the code-entry limit (2fa-mandatory.maxCodeAttempts, default 5 wrong
 * codes per ticket) bounds the guesses: at most ticketsPerAccount × limit per account.
 */
describe('2fa-mandatory with TOTP against credential stuffing', () => {
  let none: Metrics[];
  let totp: Metrics[];
  beforeAll(async () => {
    const common = { homes: 100, duration: '12h' };
    none = await runSeeds('credential-stuffing', { ...common, defenses: 'none' });
    totp = await runSeeds('credential-stuffing', { ...common, defenses: '2fa-mandatory', set: ['2fa-mandatory.method=totp'] });
  });

  it('finds the same valid passwords but takes over no account except through a guessed code', () => {
    expect(values(totp, 'attack.validCredentials')).toEqual(values(none, 'attack.validCredentials'));
    expect(values(totp, 'attack.takeovers')).toEqual(values(totp, 'attack.takeoversViaCode'));
    // 50 guesses per account, 3 codes of 10^6 accepted (±1 step): ≈ 0.04 takeovers expected over 10 seeds.
    expect(values(totp, 'attack.takeovers').reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    expect(values(totp, 'video.exposedSeconds').reduce((a, b) => a + b, 0)).toBeLessThan(values(none, 'video.exposedSeconds').reduce((a, b) => a + b, 0) / 10);
  });

  it('the code-entry limit bounds the guesses: ≤ 10 tickets × 5 codes per valid account', () => {
    const guesses = values(totp, 'attack.codeGuesses');
    const valid = values(totp, 'attack.validCredentials');
    guesses.forEach((g, i) => expect(g).toBeLessThanOrEqual(valid[i]! * 10 * 5));
    expect(guesses.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

/**
 * The same bound, made visible: four-digit SMS codes (one code of 10^4 valid), so guessing
 * succeeds now and then. Expected takeovers per run = guesses × 10^-4; the observed total
 * over 10 seeds must stay within a Poisson upper bound of it.
 */
describe('guessing short SMS codes is bounded by the code-entry limit', () => {
  let runs: Metrics[];
  beforeAll(async () => {
    runs = await runSeeds('credential-stuffing', {
      homes: 100,
      duration: '12h',
      defenses: '2fa-mandatory',
      set: ['2fa-mandatory.method=sms', '2fa-mandatory.codeDigits=4', 'attack.codeDigits=4', 'attack.ticketsPerAccount=40'],
    });
  });

  it('every takeover came through a guessed code, no more often than the limit allows', () => {
    expect(values(runs, 'attack.takeovers')).toEqual(values(runs, 'attack.takeoversViaCode'));
    const guesses = values(runs, 'attack.codeGuesses').reduce((a, b) => a + b, 0);
    const takeovers = values(runs, 'attack.takeovers').reduce((a, b) => a + b, 0);
    const expected = guesses * 1e-4;
    console.log(`code guesses ${guesses}, takeovers ${takeovers}, expected ${expected.toFixed(2)}`);
    expect(takeovers).toBeLessThanOrEqual(expected + 4 * Math.sqrt(expected) + 3);
    values(runs, 'attack.codeGuesses').forEach((g, i) => expect(g).toBeLessThanOrEqual(values(runs, 'attack.validCredentials')[i]! * 40 * 5));
  });
});
