import { describe, expect, it } from 'vitest';
import type { TransportMode } from '../../simulator/broker/link.js';
import { deviceTopic, homeFilter } from '../../simulator/broker/topics.js';
import { HOUR_MS, MINUTE_MS } from '../../simulator/core/duration.js';
import { Simulation } from '../../simulator/runner/simulation.js';
import { DEFAULT_WORLD_PARAMS } from '../../simulator/runner/world-params.js';

const quiet = { ...DEFAULT_WORLD_PARAMS, app: { ...DEFAULT_WORLD_PARAMS.app, opensPerDay: 0, passwordLoginsPerDay: 0 } };

describe('an owner connection lives only as long as its session', () => {
  for (const mode of ['mqtt', 'direct'] as TransportMode[]) {
    it(`stops receiving and may not command once the session expires (${mode})`, async () => {
      const sim = await Simulation.create({ seed: 5, homes: 1, transport: mode, params: quiet, cloud: { sessionTtlMs: HOUR_MS }, retainLog: true });
      await sim.start();
      const home = sim.town.homes[0]!;
      const login = sim.cloud.attemptLogin({ email: home.owner.email, password: home.password, ip: '10.1.1.1', clientFingerprint: 'p', actor: 'owner' });
      const link = await sim.broker.link({ clientId: 'owner-phone', username: home.owner.email, password: login.session!.token }, mode);
      const seen: string[] = [];
      link.onMessage((topic) => seen.push(topic));
      expect(await link.subscribe(homeFilter(home.homeId))).toBe(true);
      const commands = deviceTopic(home.homeId, home.doorbell.deviceId, 'commands');
      sim.world.scheduler.after(30 * MINUTE_MS, () => link.publish(commands, JSON.stringify({ cmd: 'talk', message: 'still mine' })));
      sim.world.scheduler.after(90 * MINUTE_MS, () => link.publish(commands, JSON.stringify({ cmd: 'talk', message: 'expired' })));
      await sim.run(7 * HOUR_MS); // past the doorbell's 6-hourly status report
      const talks = sim.world.log.ofType('device.speaker');
      expect(talks.map((t) => t.chars)).toEqual(['still mine'.length]);
      const lastSeenAt = sim.world.log.ofType('device.status').filter((e) => e.t > HOUR_MS).length;
      expect(lastSeenAt).toBeGreaterThan(0); // the doorbell kept reporting after expiry...
      expect(seen.filter((t) => t.endsWith('/status')).length).toBe(1); // ...but only the retained status before it arrived
      expect(sim.world.log.ofType('broker.publish-refused').some((e) => e.reason.includes('session'))).toBe(true);
      await sim.stop();
    });
  }
});
