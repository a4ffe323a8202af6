import { describe, expect, it } from 'vitest';
import { formatDurationMs, parseDurationMs } from '../../simulator/core/duration.js';
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
