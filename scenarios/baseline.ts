import { defineScenario } from '../simulator/runner/scenario.js';
import { z } from 'zod';

/**
 * A normal day in town with no attacker: doorbells report motion and rings and announce
 * clips, owners sign in, watch, open live view and talk to visitors. The reference every
 * attack scenario is compared against, and the load for the benchmarks.
 */
export default defineScenario({
  name: 'baseline',
  summary: 'A normal day: doorbells, owners and the cloud, no attacker',
  params: z.object({}).strict(),
  defaults: { homes: 1000, duration: '24h' },
  setup({ sim }) {
    const r = sim.recorder;
    r.count('device.motion', 'events.motion');
    r.count('device.ding', 'events.ding');
    r.count('device.recording', 'recordings.announced');
    r.count('device.speaker', 'speakerMessages');
    r.count('app.open', 'app.opens');
    r.count('app.login-gave-up', 'logins.ownerGaveUp');
    r.count('cloud.login', 'logins.attempts');
    r.count('cloud.login', 'logins.ok', (e) => e.outcome === 'ok');
    r.count('cloud.login', 'logins.denied', (e) => e.outcome === 'denied');
    r.sum('device.live-view', 'liveViewSeconds', (e) => e.seconds);
  },
  finish({ sim }) {
    return { 'recordings.stored': sim.cloud.recordings.count, 'recordings.storedSeconds': sim.cloud.recordings.totalDurationS };
  },
});
