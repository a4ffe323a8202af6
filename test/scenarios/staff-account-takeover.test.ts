import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../simulator/cli/main.js';
import type { MetricValue } from '../../simulator/metrics/recorder.js';
import { diffCi95, summarize } from '../../simulator/metrics/statistics.js';
import { runWorld } from '../../simulator/testing/index.js';

/** staff-account-takeover over 10 seeds of a small town (20 homes, 4 d): phished or reused staff passwords used from outside. */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

async function arm(defenses: string, set: string[] = []) {
  const out: Record<string, MetricValue>[] = [];
  for (const seed of SEEDS) out.push((await runWorld({ scenario: 'staff-account-takeover', seed, homes: 20, duration: '4d', defenses, set, retainLog: false })).metrics);
  return (key: string) => out.map((m) => m[key] as number | null);
}

const sum = (values: readonly (number | null)[]) => values.reduce<number>((a, v) => a + (v ?? 0), 0);

describe('staff-account-takeover', () => {
  it('ring-2017: the intruder views and exports clips; staff-mfa refuses every password-only session; access-audit detects and contains it', async () => {
    const open = await arm('ring-2017');
    const views = open('staff.illegitimateViews');
    // Some seeds draw no compromised account at the default share (0.1 of 15); the rest see thousands.
    expect(sum(views)).toBeGreaterThan(5_000);
    expect(views.filter((v) => v! > 0).length).toBeGreaterThanOrEqual(4);
    // As an interval over the 10 seeds: mean − 95 % CI well above 0.
    const interval = summarize(views)!;
    expect(interval.mean - interval.ci95).toBeGreaterThan(100);
    expect(sum(open('staff.exportedClips'))).toBeGreaterThan(1_000);
    expect(open('staff.legitimateRefused')).toEqual(SEEDS.map(() => 0));

    const mfa = await arm('staff-mfa');
    expect(mfa('staff.illegitimateViews')).toEqual(SEEDS.map(() => 0));
    expect(mfa('staff.exportedClips')).toEqual(SEEDS.map(() => 0));
    expect(diffCi95(views as number[], mfa('staff.illegitimateViews') as number[]).low).toBeGreaterThan(0);
    // Refused, not idle: every seed with a compromised account was turned away at the console.
    for (const [i, v] of views.entries()) if (v! > 0) expect(mfa('staff.accessRefused')[i], `seed ${SEEDS[i]}`).toBeGreaterThan(0);
    // Staff who sign in with their token lose nothing to it.
    expect(mfa('staff.legitimateRefused')).toEqual(SEEDS.map(() => 0));

    const audit = await arm('access-audit');
    for (const [i, v] of views.entries()) {
      if (v! === 0) continue;
      expect(audit('staff.detections')[i], `seed ${SEEDS[i]}`).toBeGreaterThan(0);
      expect(audit('staff.timeToContainmentSeconds')[i], `seed ${SEEDS[i]}`).not.toBeNull();
      expect(audit('staff.illegitimateViews')[i]!, `seed ${SEEDS[i]}`).toBeLessThan(v!);
    }
  }, 120_000);

  it('compromisedShare drives it: 0 gives no views on any seed, 1 gives views on every seed', async () => {
    expect((await arm('ring-2017', ['intruder.compromisedShare=0']))('staff.illegitimateViews')).toEqual(SEEDS.map(() => 0));
    for (const v of (await arm('ring-2017', ['intruder.compromisedShare=1']))('staff.illegitimateViews')) expect(v).toBeGreaterThan(0);
  }, 120_000);

  it.each([
    [['--set', 'intruder.compromisedShare=1.5'], 'intruder.compromisedShare'],
    [['--set', 'intruder.sessionsPerDay=0'], 'intruder.sessionsPerDay'],
    [['--set', 'staff.support=0', '--set', 'staff.engineering=0', '--set', 'staff.video-annotation=0', '--set', 'staff.contractor=0'], 'every role has 0'],
  ])('run %j exits 2 naming the field, writing nothing', async (args, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'sat-'));
    const json = join(dir, 'out.json');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const logs = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await main(['run', 'staff-account-takeover', '--homes', '10', '--duration', '1d', '--json', json, ...args])).toBe(2);
      expect(errors.mock.calls.flat().join('\n')).toContain(message);
      expect(existsSync(json)).toBe(false);
    } finally {
      errors.mockRestore();
      logs.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
