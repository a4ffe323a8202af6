import { describe, expect, it } from 'vitest';
import { InputError } from '../../simulator/runner/input-error.js';
import { runWorld, type RunWorldOptions } from '../../simulator/testing/index.js';

/**
 * Faults on the wire (simulator/faults/): seeded, so a faulty run replays byte for byte; off
 * by default, so a run without them is the run it always was; and they do what they say.
 */
const SMALL: RunWorldOptions = { scenario: 'baseline', seed: 3, homes: 15, duration: '6h', retainLog: false };

describe('faults on the wire', () => {
  for (const transport of ['mqtt', 'direct'] as const) {
    it(`same seed, same faults → same event log (${transport})`, async () => {
      const set = ['faults.lossRate=0.2', 'faults.delayMs=1500', 'faults.jitterMs=4000', 'faults.dropsPerDay=4', 'faults.downMs=300000'];
      const [a, b] = [await runWorld({ ...SMALL, transport, set }), await runWorld({ ...SMALL, transport, set })];
      expect(a.digest).toBe(b.digest);
      expect(a.metrics).toEqual(b.metrics);
      const clean = await runWorld({ ...SMALL, transport });
      expect(a.digest).not.toBe(clean.digest);
    });
  }

  it('faults at 0 are no faults: the same event log and report metrics as without the group', async () => {
    const clean = await runWorld({ ...SMALL, transport: 'direct' });
    const zero = await runWorld({ ...SMALL, transport: 'direct', set: ['faults.lossRate=0', 'faults.delayMs=0', 'faults.jitterMs=0'] });
    expect(zero.digest).toBe(clean.digest);
    expect(zero.metrics).toEqual(clean.metrics);
    expect(Object.keys(clean.metrics).filter((k) => k.startsWith('faults.'))).toEqual([]);
  });

  it('loss takes messages away in both directions and is counted', async () => {
    const clean = await runWorld({ ...SMALL, transport: 'direct' });
    const lossy = await runWorld({ ...SMALL, transport: 'direct', set: ['faults.lossRate=0.3'] });
    const events = (r: typeof clean) => Number(r.metrics['messages.events']);
    expect(Number(lossy.metrics['faults.uplinkLost'])).toBeGreaterThan(0);
    expect(events(lossy)).toBeLessThan(events(clean));
    // Roughly 30% of the device's events never reach the broker (a binomial draw, wide bounds).
    expect(events(lossy) / events(clean)).toBeGreaterThan(0.5);
    expect(events(lossy) / events(clean)).toBeLessThan(0.9);
  });

  it('links drop and come back: each drop logged, counted, restored, and its minutes offline added up', async () => {
    for (const transport of ['mqtt', 'direct'] as const) {
      const run = await runWorld({ ...SMALL, transport, retainLog: true, set: ['faults.dropsPerDay=6', 'faults.downMs=600000'] });
      const drops = run.ofType('wire.link-dropped');
      const restored = run.ofType('wire.link-restored');
      expect(drops.length, transport).toBeGreaterThan(0);
      expect(Number(run.metrics['faults.linkDrops'])).toBe(drops.length);
      expect(Number(run.metrics['faults.deviceMinutesOffline'])).toBeCloseTo(drops.length * 10);
      // Every drop ends 10 minutes later unless the run ended first.
      const endMs = 6 * 3_600_000;
      expect(restored.length).toBe(drops.filter((d) => d.t + 600_000 <= endMs).length);
    }
  });

  it('a bad fault value is refused naming the parameter', async () => {
    await expect(runWorld({ ...SMALL, set: ['faults.lossRate=1.5'] })).rejects.toThrow(InputError);
    await expect(runWorld({ ...SMALL, set: ['faults.delayMs=-1'] })).rejects.toThrow(/faults\.delayMs/);
    await expect(runWorld({ ...SMALL, set: ['faults.downMs=0'] })).rejects.toThrow(/faults\.downMs/);
  });
});
