import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../../simulator/metrics/recorder.js';
import { summarize, type Summary } from '../../simulator/metrics/statistics.js';
import { runWorld } from '../../simulator/testing/index.js';

/**
 * Issue 14's "Must be true", as intervals over 10 seeds of a small town: the insider's views
 * under ring-2017, staff-jit-access stopping them while tickets are still resolved,
 * access-audit detecting without preventing, e2ee's zero plaintext and what it costs.
 */
const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);
// Five times the default ticket rate, so each run has dozens of tickets to judge a share on.
const SET = ['staff.ticketsPerHomePerDay=0.05'];

async function arm(defenses: string, duration = '21d') {
  const runs: Record<string, MetricValue>[] = [];
  for (const seed of SEEDS) runs.push((await runWorld({ scenario: 'insider-browsing', seed, homes: 30, duration, defenses, set: SET, retainLog: false })).metrics);
  return (key: string): Summary & { values: number[] } => {
    const values = runs.map((m) => m[key] as number | null).filter((v): v is number => typeof v === 'number');
    return { ...summarize(values)!, values };
  };
}
const low = (s: Summary) => s.mean - s.ci95;
const high = (s: Summary) => s.mean + s.ci95;

describe('insider-browsing over 10 seeds', () => {
  it('ring-2017: the insider sees many clips of many customers, sensitive ones among them', async () => {
    const m = await arm('ring-2017');
    expect(low(m('staff.illegitimateViews'))).toBeGreaterThan(100);
    expect(low(m('staff.customersExposed'))).toBeGreaterThan(5);
    expect(low(m('staff.sensitiveViews'))).toBeGreaterThan(0);
    expect(m('staff.detections').max).toBe(0);
  }, 120_000);

  it('staff-jit-access: no illegitimate view, and at least 95 % of tickets still resolved', async () => {
    const m = await arm('staff-jit-access');
    expect(m('staff.illegitimateViews').max).toBe(0);
    expect(m('staff.customersExposed').max).toBe(0);
    expect(low(m('staff.ticketsResolvedShare'))).toBeGreaterThanOrEqual(0.95);
    expect(low(m('staff.ticketsOpened'))).toBeGreaterThan(10);
  }, 120_000);

  it('access-audit: views happen, the insider is detected and contained, with a measured time', async () => {
    const m = await arm('access-audit', '28d');
    expect(low(m('staff.illegitimateViews'))).toBeGreaterThan(0);
    const detected = m('staff.detections').values.filter((d) => d > 0).length;
    expect(detected).toBeGreaterThanOrEqual(8);
    const ttd = m('staff.timeToDetectionSeconds');
    expect(ttd.n).toBe(detected);
    expect(low(ttd)).toBeGreaterThan(0);
    expect(high(ttd)).toBeLessThan(28 * 86_400);
    expect(m('staff.timeToContainmentSeconds').mean).toBeGreaterThanOrEqual(ttd.mean);
  }, 120_000);

  it('e2ee: no plaintext to any staff member, and it costs tickets, annotation and four features', async () => {
    const m = await arm('e2ee');
    const open = await arm('ring-2017');
    expect(m('staff.plaintextViews').max).toBe(0);
    expect(m('staff.illegitimateViews').max).toBe(0);
    expect(m('staff.annotationJobsDone').max).toBe(0);
    expect(low(m('staff.clipTicketsWithoutVideo'))).toBeGreaterThan(0);
    expect(high(m('staff.ticketsResolvedShare'))).toBeLessThan(low(open('staff.ticketsResolvedShare')));
    expect(m('staff.e2eeFeaturesLost').min).toBe(4);
  }, 120_000);

  it('same seed, same event-log hash; and the staff layers mix with login defences in one --defenses string', async () => {
    const options = { scenario: 'insider-browsing', seed: 7, homes: 10, duration: '3d', defenses: 'ftc-order-2023,e2ee,lockout,2fa-optional', retainLog: false } as const;
    const [a, b] = [await runWorld(options), await runWorld(options)];
    expect(b.digest).toBe(a.digest);
    expect(b.metrics).toEqual(a.metrics);
    expect(a.report.defenses).toEqual(expect.arrayContaining(['lockout', 'staff-jit-access', 'access-audit', 'e2ee']));
  }, 60_000);
});
