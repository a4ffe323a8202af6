import { afterEach, describe, expect, it } from 'vitest';
import { formatDurationMs, MAX_DURATION_MS, parseDurationMs } from '../../simulator/core/duration.js';
import { InputError } from '../../simulator/runner/input-error.js';
import { mergeParams, parseSets, validateParams } from '../../simulator/runner/params.js';
import { DEFAULT_WORLD_PARAMS, worldParamsSchema } from '../../simulator/runner/world-params.js';

describe('durations', () => {
  it('reads the CLI forms and writes them back', () => {
    expect(parseDurationMs('90m')).toBe(90 * 60_000);
    expect(parseDurationMs('24h')).toBe(86_400_000);
    expect(parseDurationMs('7d')).toBe(7 * 86_400_000);
    expect(parseDurationMs('1h30m')).toBe(5_400_000);
    expect(formatDurationMs(5_400_000)).toBe('1h30m');
    for (const bad of ['', '24', 'h', '24x', '-5m', '0s', '1h 30m']) expect(() => parseDurationMs(bad)).toThrow(/duration/);
  });
});

describe('--set parameters', () => {
  it('nests dotted names and reads JSON values', () => {
    expect(parseSets(['doorbell.motionPerDay=20', 'app.typoRate=0.1', 'attack.list=top100'])).toEqual({
      doorbell: { motionPerDay: 20 },
      app: { typoRate: 0.1 },
      attack: { list: 'top100' },
    });
  });

  it('validates against the schema and names the field and value', () => {
    const ok = validateParams(worldParamsSchema, mergeParams(DEFAULT_WORLD_PARAMS, parseSets(['doorbell.motionPerDay=20'])));
    expect(ok.doorbell.motionPerDay).toBe(20);
    expect(ok.app).toEqual(DEFAULT_WORLD_PARAMS.app);
    const bad = () => validateParams(worldParamsSchema, mergeParams(DEFAULT_WORLD_PARAMS, parseSets(['app.typoRate=1.5'])));
    expect(bad).toThrow(InputError);
    expect(bad).toThrow(/app\.typoRate=1\.5/);
    expect(() => validateParams(worldParamsSchema, mergeParams(DEFAULT_WORLD_PARAMS, parseSets(['app.typos=1'])))).toThrow(/unknown parameter app\.typos/);
    expect(() => parseSets(['=3'])).toThrow(/key=value/);
    expect(() => parseSets(['a..b=3'])).toThrow(/dotted/);
  });
});

describe('durations are whole milliseconds, at least 1 ms', () => {
  it('accepts fractions that come to whole milliseconds', () => {
    expect(parseDurationMs('1.5s')).toBe(1500);
    expect(parseDurationMs('0.3s')).toBe(300); // 0.3 × 1000 is 299.99999999999994 in binary
    expect(parseDurationMs('1ms')).toBe(1);
    expect(parseDurationMs('0.5m')).toBe(30_000);
  });

  it('refuses what is not a whole number of milliseconds, or too long, naming the field and the text', () => {
    expect(() => parseDurationMs('0.1ms', '--duration')).toThrow('--duration: "0.1ms" is not a whole number of milliseconds');
    expect(() => parseDurationMs('1.0005s', '--duration')).toThrow(/--duration: "1\.0005s"/);
    expect(() => parseDurationMs('0.0001s')).toThrow(/whole number of milliseconds/);
    expect(() => parseDurationMs('0ms')).toThrow(/longer than zero/);
    expect(() => parseDurationMs(`${MAX_DURATION_MS + 1}ms`)).toThrow(/longer than the maximum/);
    expect(parseDurationMs(`${MAX_DURATION_MS}ms`)).toBe(MAX_DURATION_MS);
  });
});

describe('parameter paths are prototype-safe', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses __proto__, constructor and prototype anywhere in a --set key, naming the key', () => {
    for (const key of ['__proto__.x', 'constructor.prototype.x', 'doorbell.__proto__.x', 'doorbell.constructor', 'app.prototype']) {
      expect(() => parseSets([`${key}=1`])).toThrow(InputError);
      expect(() => parseSets([`${key}=1`])).toThrow(`"${key}"`);
    }
  });

  it('refuses an own __proto__ key in a merged object, as JSON.parse makes it', () => {
    const over = parseSets(['doorbell={"__proto__":{"x":1}}']);
    expect(Object.hasOwn(over.doorbell as object, '__proto__')).toBe(true);
    expect(() => mergeParams(DEFAULT_WORLD_PARAMS, over)).toThrow(/"__proto__"/);
  });

  it('never walks into inherited properties', () => {
    // toString is inherited by every object: it must read as "not set", not as a function to nest under.
    expect(parseSets(['toString.x=1'])).toEqual({ toString: { x: 1 } });
    expect(mergeParams({ a: 1 }, { toString: 2 })).toEqual({ a: 1, toString: 2 });
  });

  it('refuses a parameter set twice, and one set both as a value and as a group', () => {
    expect(() => parseSets(['doorbell.motionPerDay=1', 'doorbell.motionPerDay=2'])).toThrow('--set: doorbell.motionPerDay is set twice');
    expect(() => parseSets(['doorbell=1', 'doorbell.motionPerDay=2'])).toThrow(/conflicts/);
  });
});

describe('--set values', () => {
  it('keeps a number too large for a double as the text typed, so the error shows it', () => {
    expect(parseSets(['doorbell.motionPerDay=1e999'])).toEqual({ doorbell: { motionPerDay: '1e999' } });
    const bad = () => validateParams(worldParamsSchema, mergeParams(DEFAULT_WORLD_PARAMS, parseSets(['doorbell.motionPerDay=1e999'])));
    expect(bad).toThrow(/doorbell\.motionPerDay="1e999"/);
  });
});
