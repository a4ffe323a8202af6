import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../../simulator/metrics/recorder.js';
import { runWorld } from '../../simulator/testing/index.js';

/** contractor-access over 5 seeds of a small town: what each staff control does to a contractor pulling clips beyond its queue. */
const SEEDS = [1, 2, 3, 4, 5];

async function arm(defenses: string) {
  const out: Record<string, MetricValue>[] = [];
  for (const seed of SEEDS) out.push((await runWorld({ scenario: 'contractor-access', seed, homes: 20, duration: '4d', defenses, retainLog: false })).metrics);
  return (key: string) => out.map((m) => m[key] as number | null);
}

describe('contractor-access', () => {
  it('ring-2017: the contractor views and exports clips of many homes; least privilege and just-in-time access stop it; the audit catches it', async () => {
    const open = await arm('ring-2017');
    for (const v of open('staff.illegitimateViews')) expect(v).toBeGreaterThan(100);
    for (const v of open('staff.exportedClips')) expect(v).toBeGreaterThan(0);
    for (const v of open('staff.customersExposed')) expect(v).toBeGreaterThan(5);
    for (const name of ['staff-least-privilege', 'staff-jit-access', 'ftc-order-2023', 'e2ee']) {
      const m = await arm(name);
      expect(m('staff.illegitimateViews'), name).toEqual(SEEDS.map(() => 0));
    }
    const audit = await arm('access-audit');
    expect(audit('staff.detections').filter((d) => (d as number) > 0).length).toBeGreaterThanOrEqual(4);
    for (const [i, v] of audit('staff.illegitimateViews').entries()) expect(v!, `seed ${SEEDS[i]}`).toBeLessThanOrEqual(open('staff.illegitimateViews')[i]!);
  }, 120_000);
});
