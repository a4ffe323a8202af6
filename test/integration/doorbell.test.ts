import { afterEach, describe, expect, it } from 'vitest';
import type { Doorbell } from '../../devices/doorbell.js';
import type { Link } from '../../simulator/broker/link.js';
import { MqttLink } from '../../simulator/broker/mqtt-link.js';
import { deviceTopic, homeFilter } from '../../simulator/broker/topics.js';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from '../../simulator/core/duration.js';
import { Simulation } from '../../simulator/runner/simulation.js';
import { DEFAULT_WORLD_PARAMS } from '../../simulator/runner/world-params.js';

/** Two homes whose owners' apps stay closed, so every command here is the test's own. */
async function quietTown(): Promise<Simulation> {
  const params = { ...DEFAULT_WORLD_PARAMS, app: { ...DEFAULT_WORLD_PARAMS.app, opensPerDay: 0, passwordLoginsPerDay: 0 } };
  const sim = await Simulation.create({ seed: 11, homes: 2, transport: 'mqtt', retainLog: true, params });
  await sim.start();
  return sim;
}

async function ownerLink(sim: Simulation, index: number): Promise<{ link: Link; sessionId: string; accountId: string }> {
  const home = sim.town.homes[index]!;
  const login = sim.cloud.attemptLogin({ email: home.owner.email, password: home.password, ip: '10.9.9.9', clientFingerprint: 'test-phone', actor: 'owner' });
  expect(login.outcome).toBe('ok');
  const link = await sim.broker.link({ clientId: `test-app-${index}`, username: home.owner.email, password: login.session!.token }, 'mqtt');
  return { link, sessionId: login.session!.id, accountId: home.owner.id };
}

let sim: Simulation | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe('doorbell camera', () => {
  it('obeys live view and talk, logs each command with the attested sender, and announces media while live', async () => {
    sim = await quietTown();
    const home = sim.town.homes[0]!;
    const { link, sessionId, accountId } = await ownerLink(sim, 0);
    const media: Array<{ state?: string; type: string }> = [];
    link.onMessage((topic, payload) => topic.endsWith('/media') && media.push(JSON.parse(payload)));
    expect(await link.subscribe(homeFilter(home.homeId))).toBe(true);
    const commands = deviceTopic(home.homeId, home.doorbell.deviceId, 'commands');
    const t0 = sim.world.now();
    sim.world.scheduler.at(t0 + SECOND_MS, () => link.publish(commands, JSON.stringify({ cmd: 'live-view-start', from: { accountId: 'acct-evil', sessionId: 'forged' } })));
    sim.world.scheduler.at(t0 + 35 * SECOND_MS, () => link.publish(commands, JSON.stringify({ cmd: 'talk', message: 'Hello there' })));
    sim.world.scheduler.at(t0 + 61 * SECOND_MS, () => link.publish(commands, JSON.stringify({ cmd: 'live-view-stop' })));
    sim.world.scheduler.at(t0 + 62 * SECOND_MS, () => link.publish(commands, '{not json'));
    await sim.run(2 * MINUTE_MS);

    const logged = sim.world.log.ofType('device.command').filter((e) => e.deviceId === home.doorbell.deviceId);
    expect(logged.map((e) => e.cmd)).toEqual(['live-view-start', 'talk', 'live-view-stop']);
    for (const e of logged) expect({ accountId: e.accountId, sessionId: e.sessionId }).toEqual({ accountId, sessionId });
    const [view] = sim.world.log.ofType('device.live-view');
    expect(view).toMatchObject({ accountId, sessionId, seconds: 60 });
    expect(sim.world.log.ofType('device.speaker')[0]).toMatchObject({ accountId, chars: 'Hello there'.length });
    const live = media.filter((m) => m.type === 'live-view').map((m) => m.state);
    expect(live[0]).toBe('started');
    expect(live.at(-1)).toBe('stopped');
    expect(live.filter((s) => s === 'segment').length).toBe(6); // every 10 s for 60 s
    await link.close();
  });

  it('settings change what it reports: zero sensitivity means no more motion', async () => {
    sim = await quietTown();
    const home = sim.town.homes[1]!;
    const { link } = await ownerLink(sim, 1);
    link.publish(deviceTopic(home.homeId, home.doorbell.deviceId, 'commands'), JSON.stringify({ cmd: 'settings', motionSensitivity: 0 }));
    await sim.run(HOUR_MS);
    const before = sim.world.log.ofType('device.motion').filter((e) => e.homeId === home.homeId).length;
    await sim.run(72 * HOUR_MS);
    const after = sim.world.log.ofType('device.motion').filter((e) => e.homeId === home.homeId).length;
    expect(after - before).toBe(0);
    expect(sim.world.log.ofType('device.motion').filter((e) => e.homeId !== home.homeId).length).toBeGreaterThan(5);
    await link.close();
  });

  it('keeps a retained status, and its last will says offline when it drops off the network', async () => {
    sim = await quietTown();
    const home = sim.town.homes[0]!;
    const doorbell = sim.devices.find((d) => d.record.deviceId === home.doorbell.deviceId) as Doorbell;
    const statusOf = async () => {
      const { link } = await ownerLink(sim!, 0);
      const seen: unknown[] = [];
      link.onMessage((topic, payload) => topic.endsWith('/status') && seen.push(JSON.parse(payload)));
      await link.subscribe(deviceTopic(home.homeId, home.doorbell.deviceId, 'status'));
      await sim!.world.settle();
      await link.close();
      return seen;
    };
    expect(await statusOf()).toEqual([expect.objectContaining({ online: true, firmware: home.doorbell.firmware })]);
    (doorbell.link as MqttLink).client.stream.destroy(); // network loss, no DISCONNECT
    await sim.world.settle();
    expect(await statusOf()).toEqual([{ online: false }]);
  });
});
