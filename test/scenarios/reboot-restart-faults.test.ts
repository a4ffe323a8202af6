import { describe, expect, it } from 'vitest';
import { runWorld, type RunWorldOptions } from '../../simulator/testing/index.js';

/**
 * Device reboots and a broker restart (simulator/faults/): seeded from streams of their own,
 * so a run with them replays byte for byte; off by default; and they do what they say.
 */
const SMALL: RunWorldOptions = { scenario: 'baseline', seed: 4, homes: 12, duration: '4h', retainLog: false };
const HOUR_MS = 3_600_000;

describe('device reboots and a broker restart', () => {
  for (const transport of ['mqtt', 'direct'] as const) {
    it(`same seed, same reboots and restart → same event log (${transport})`, async () => {
      const set = ['faults.rebootsPerDay=6', 'faults.bootMs=120000', 'faults.brokerRestartAtMinutes=90', 'faults.brokerDownMs=60000', 'faults.dropsPerDay=2'];
      const [a, b] = [await runWorld({ ...SMALL, transport, set }), await runWorld({ ...SMALL, transport, set })];
      expect(a.digest).toBe(b.digest);
      expect(a.metrics).toEqual(b.metrics);
      expect(a.digest).not.toBe((await runWorld({ ...SMALL, transport })).digest);
    });
  }

  it('reboots: logged, counted apart from drops, back after 0.5–1.5 × bootMs', async () => {
    const run = await runWorld({ ...SMALL, transport: 'direct', retainLog: true, set: ['faults.rebootsPerDay=8', 'faults.bootMs=600000'] });
    const reboots = run.ofType('wire.device-rebooted');
    expect(reboots.length).toBeGreaterThan(0);
    expect(Number(run.metrics['faults.reboots'])).toBe(reboots.length);
    for (const r of reboots) expect(r.bootMs).toBeGreaterThanOrEqual(300_000), expect(r.bootMs).toBeLessThanOrEqual(900_000);
    const minutes = reboots.reduce((sum, r) => sum + r.bootMs / 60_000, 0);
    expect(Number(run.metrics['faults.deviceMinutesOffline'])).toBeCloseTo(minutes);
    expect(Number(run.metrics['faults.linkDrops'])).toBe(0);
    const restored = run.ofType('wire.link-restored');
    expect(restored.length).toBe(reboots.filter((r) => r.t + r.bootMs <= 4 * HOUR_MS).length);
  });

  it('a broker restart drops every device once, and each is back after the downtime plus its seeded backoff', async () => {
    for (const transport of ['mqtt', 'direct'] as const) {
      const run = await runWorld({ ...SMALL, transport, retainLog: true, set: ['faults.brokerRestartAtMinutes=60', 'faults.brokerDownMs=120000'] });
      const [restart, ...more] = run.ofType('wire.broker-restarted');
      expect(more, transport).toHaveLength(0);
      expect(restart!.t).toBe(HOUR_MS);
      const dropped = run.ofType('wire.broker-dropped');
      const devices = new Set(dropped.map((d) => d.deviceId));
      expect(devices.size).toBe(dropped.length);
      expect(dropped.length).toBeGreaterThan(0);
      expect(Number(run.metrics['faults.brokerRestartDrops'])).toBe(dropped.length);
      for (const d of dropped) expect(d.backMs).toBeGreaterThanOrEqual(120_000), expect(d.backMs).toBeLessThanOrEqual(240_000);
      // Not all at once: the backoffs spread the reconnects (a thundering herd would be one instant).
      expect(new Set(dropped.map((d) => d.backMs)).size).toBeGreaterThan(1);
      const restored = run.ofType('wire.link-restored');
      expect(restored.map((r) => r.deviceId).sort()).toEqual([...devices].sort());
      for (const r of restored) expect(r.t).toBeGreaterThanOrEqual(HOUR_MS + 120_000);
      expect(Number(run.metrics['faults.deviceMinutesOffline'])).toBeCloseTo(dropped.reduce((s, d) => s + d.backMs / 60_000, 0));
    }
  });

  it('bad values are refused naming the parameter', async () => {
    await expect(runWorld({ ...SMALL, set: ['faults.rebootsPerDay=-1'] })).rejects.toThrow(/faults\.rebootsPerDay/);
    await expect(runWorld({ ...SMALL, set: ['faults.bootMs=0'] })).rejects.toThrow(/faults\.bootMs/);
    await expect(runWorld({ ...SMALL, set: ['faults.brokerRestartAtMinutes=1.5'] })).rejects.toThrow(/faults\.brokerRestartAtMinutes/);
    await expect(runWorld({ ...SMALL, set: ['faults.brokerDownMs=-5'] })).rejects.toThrow(/faults\.brokerDownMs/);
  });
});
