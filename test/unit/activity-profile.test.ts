import { describe, expect, it } from 'vitest';
import { ActivityProfile, HOURLY_WEIGHTS } from '../../devices/activity-profile.js';
import { DAY_MS, HOUR_MS } from '../../simulator/core/duration.js';
import { SeededRandom } from '../../simulator/core/random.js';

describe('doorbell activity profile', () => {
  it('produces the configured daily mean, busier by day than by night', () => {
    const profile = new ActivityProfile(12);
    const random = new SeededRandom(5, 'profile-test');
    const days = 400;
    const perHour = new Array<number>(24).fill(0);
    let count = 0;
    for (let t = profile.nextAfter(0, random); t < days * DAY_MS; t = profile.nextAfter(t, random)) {
      perHour[Math.floor((t % DAY_MS) / HOUR_MS)]!++;
      count++;
    }
    const meanPerDay = count / days;
    expect(meanPerDay).toBeGreaterThan(12 * 0.93);
    expect(meanPerDay).toBeLessThan(12 * 1.07);
    const day = perHour.slice(8, 20).reduce((a, b) => a + b, 0) / 12;
    const night = perHour.slice(0, 5).reduce((a, b) => a + b, 0) / 5;
    expect(day).toBeGreaterThan(5 * night);
    // The busiest observed hour is one of the busiest configured hours.
    const busiest = perHour.indexOf(Math.max(...perHour));
    expect(HOURLY_WEIGHTS[busiest]).toBeGreaterThanOrEqual(1.5);
  });

  it('a zero rate never fires, and the same seed replays the same times', () => {
    expect(new ActivityProfile(0).nextAfter(0, new SeededRandom(1))).toBe(Infinity);
    const a = new ActivityProfile(5);
    const times = (seed: number) => {
      const r = new SeededRandom(seed, 'x');
      const out = [a.nextAfter(0, r)];
      for (let i = 0; i < 20; i++) out.push(a.nextAfter(out[out.length - 1]!, r));
      return out;
    };
    expect(times(9)).toEqual(times(9));
    expect(times(9)).not.toEqual(times(10));
  });
});
