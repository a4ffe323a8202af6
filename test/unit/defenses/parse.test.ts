import { describe, it, expect } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../simulator/core/duration.js';
import { configureDefenses, DEFENSES, isDefenseParameter, parseDefenses } from '../../../simulator/defenses/index.js';

/** The defences a spec names (those on by default, the tenant ACL, are checked on their own below). */
const names = (spec: string, overrides = {}) => parseDefenses(spec, overrides).filter((d) => !d.byDefault).map((d) => d.name);

describe('parseDefenses', () => {
  it('returns configured defences with defaults, in install order whatever the input order', () => {
    const parsed = parseDefenses('lockout, rate-limit-ip');
    expect(parsed.map((d) => d.name)).toEqual(['rate-limit-ip', 'lockout', 'tenant-acl', 'unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed']);
    expect(parsed[0]!.params).toEqual({ limit: 100, windowMs: DAY_MS });
    expect(parsed[1]!.params).toEqual(DEFENSES.lockout.defaults);
    expect(names('login-alerts,bot-detection,breached-password')).toEqual(['bot-detection', 'breached-password', 'login-alerts']);
  });

  it('takes every numeric parameter of every defence as the string `--set` gives (its default, written out)', () => {
    for (const [name, defense] of Object.entries(DEFENSES)) {
      for (const [key, value] of Object.entries(defense.defaults as Record<string, unknown>)) {
        if (typeof value !== 'number') continue;
        const parsed = parseDefenses(name, { [`${name}.${key}`]: String(value) });
        expect(parsed.find((d) => d.name === name)!.params, `${name}.${key}=${value}`).toMatchObject({ [key]: value });
      }
    }
  });

  it('names the bad value and lists the valid ones for an unknown defence', () => {
    expect(() => parseDefenses('rate-limit-ip,captcha')).toThrow(/unknown defence "captcha".*rate-limit-ip.*lockout.*login-alerts.*ring-2020/);
  });

  it('expands profiles', () => {
    expect(names('none')).toEqual([]);
    expect(names('')).toEqual([]);
    const ring = parseDefenses('ring-2020');
    expect(ring.map((d) => d.name)).toEqual(['2fa-mandatory', 'login-alerts', 'tenant-acl', 'unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed']);
    expect(ring[0]!.params).toMatchObject({ method: 'email', codeDigits: 6, codeTtlMs: 10 * MINUTE_MS });
    const nist = parseDefenses('nist');
    expect(nist.map((d) => d.name)).toEqual(['rate-limit-ip', 'rate-limit-account', 'lockout', 'breached-password', '2fa-optional', 'tenant-acl', 'unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed']);
    expect(nist.find((d) => d.name === 'lockout')!.params).toMatchObject({ threshold: 100, windowMs: HOUR_MS });
    expect(names('all')).toEqual([
      'bot-detection', 'rate-limit-ip', 'rate-limit-account', 'consecutive-fails', 'lockout', 'breached-password', '2fa-mandatory', 'login-alerts',
    ]);
  });

  it('adds the defences that are on by default (the tenant ACL) unless a profile turns them off', () => {
    const connectDefaults = [
      { name: 'unique-device-credentials', params: {}, byDefault: true },
      { name: 'client-id-binding', params: {}, byDefault: true },
      { name: 'max-packet-size', params: { maxPacketBytes: 256 * 1024, maxConnectBytes: 64 * 1024 }, byDefault: true },
      { name: 'connect-timeout', params: { connectTimeoutMs: 10_000 }, byDefault: true },
      { name: 'sys-topics-closed', params: {}, byDefault: true },
    ];
    expect(parseDefenses('none')).toEqual([{ name: 'tenant-acl', params: {}, byDefault: true }, ...connectDefaults]);
    expect(parseDefenses('lockout,tenant-acl').map((d) => [d.name, d.byDefault])).toEqual([['lockout', undefined], ['tenant-acl', undefined], ['unique-device-credentials', true], ['client-id-binding', true], ['max-packet-size', true], ['connect-timeout', true], ['sys-topics-closed', true]]);
    expect(parseDefenses('no-topic-acl')).toEqual(connectDefaults);
    expect(parseDefenses('no-topic-acl,lockout').map((d) => d.name)).toEqual(['lockout', 'unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed']);
    expect(parseDefenses('mqtt-default')).toEqual([]);
    expect(() => parseDefenses('no-topic-acl,tenant-acl')).toThrow(/tenant-acl is named in "no-topic-acl,tenant-acl" and turned off by a profile in it/);
    // A resolved list passes through configureDefenses whole: the default stays, and stays marked.
    expect(configureDefenses(parseDefenses('lockout'))).toEqual(parseDefenses('lockout'));
    expect(configureDefenses(parseDefenses('mqtt-default'))).toEqual([]);
  });

  it('lets 2fa-mandatory supersede 2fa-optional', () => {
    expect(names('nist,ring-2020')).toEqual(['rate-limit-ip', 'rate-limit-account', 'lockout', 'breached-password', '2fa-mandatory', 'login-alerts']);
  });

  it('applies dotted overrides from an object or from key=value strings, coercing strings and durations', () => {
    const fromObject = parseDefenses('lockout', { 'lockout.threshold': '5', 'lockout.durationMs': '30m' });
    expect(fromObject[0]!.params).toMatchObject({ threshold: 5, durationMs: 30 * MINUTE_MS });
    const fromPairs = parseDefenses('nist,login-alerts', ['lockout.threshold=7', 'login-alerts.reactProbability=0.5', 'login-alerts.reactDelayMs=90000']);
    expect(fromPairs.find((d) => d.name === 'lockout')!.params).toMatchObject({ threshold: 7 });
    expect(fromPairs.find((d) => d.name === 'login-alerts')!.params).toMatchObject({ reactProbability: 0.5, reactDelayMs: 90_000 });
    expect(parseDefenses('breached-password', { 'breached-password.checkAtLogin': 'false' })[0]!.params).toMatchObject({ checkAtLogin: false });
  });

  it('names the field and the value when an override is invalid', () => {
    expect(() => parseDefenses('lockout', { 'lockout.threshold': 'abc' })).toThrow(/lockout\.threshold: "abc"/);
    expect(() => parseDefenses('lockout', { 'lockout.threshold': 0 })).toThrow(/lockout\.threshold: 0.*>=1/);
    expect(() => parseDefenses('login-alerts', { 'login-alerts.reactProbability': 1.5 })).toThrow(/login-alerts\.reactProbability: 1\.5/);
    expect(() => parseDefenses('lockout', { 'lockout.durationMs': 'soon' })).toThrow(/lockout\.durationMs: "soon".*15m/);
    expect(() => parseDefenses('2fa-mandatory', { '2fa-mandatory.method': 'fax' })).toThrow(/2fa-mandatory\.method: "fax".*email/);
  });

  it('names an unknown field and lists the real ones', () => {
    expect(() => parseDefenses('lockout', { 'lockout.treshold': 5 })).toThrow(/unknown parameter "lockout\.treshold".*lockout\.threshold.*lockout\.durationMs/);
  });

  it('validates overrides of defences that are off but does not switch them on', () => {
    expect(names('rate-limit-ip', { 'lockout.threshold': 5 })).toEqual(['rate-limit-ip']);
    expect(() => parseDefenses('rate-limit-ip', { 'lockout.threshold': -1 })).toThrow(/lockout\.threshold/);
  });

  it('leaves keys that are not defence parameters to their owners', () => {
    expect(names('lockout', { 'population.passwordReuse': 0.3, homes: 10 })).toEqual(['lockout']);
    expect(isDefenseParameter('lockout.threshold')).toBe(true);
    expect(isDefenseParameter('population.passwordReuse')).toBe(false);
  });

  it('checks fields against each other', () => {
    expect(() => parseDefenses('lockout', { 'lockout.durationMs': '2h', 'lockout.maxDurationMs': '1h' })).toThrow(/maxDurationMs.*durationMs/);
  });

  it('rejects a key=value pair without "="', () => {
    expect(() => parseDefenses('lockout', ['lockout.threshold'])).toThrow(/name\.field=value/);
  });
});
