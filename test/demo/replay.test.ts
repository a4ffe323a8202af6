import { describe, expect, it } from 'vitest';
import { builtInScenario } from '../../scenarios/index.js';
import { MINUTE_MS } from '../../simulator/core/duration.js';
import { DemoTown } from '../../simulator/demo/demo-town.js';
import { replay, replaySchema } from '../../simulator/demo/replay.js';
import { BREACH_EVERYONE } from './breached-town.js';


describe('the demo\'s replay file', () => {
  it('replays toggles and HTTP logins to the same event-log hash as the demo', async () => {
    const scenario = builtInScenario('credential-stuffing');
    const demo = await DemoTown.create({ scenario, seed: 3, homes: 12, defenses: 'none', set: BREACH_EVERYONE }, 60);
    await demo.step(40 * MINUTE_MS);
    expect(await demo.apply({ kind: 'toggle', name: '2fa-mandatory', on: true })).toBe(true);
    expect(await demo.apply({ kind: 'toggle', name: '2fa-mandatory', on: true })).toBe(false); // no change, not recorded
    const home = demo.run.sim.town.homes[0]!;
    const login = await demo.apply({ kind: 'login', email: home.owner.email, password: 'wrong', ip: '127.0.0.1' });
    expect(login).toMatchObject({ outcome: 'denied' });
    await demo.step(25 * MINUTE_MS);
    await demo.apply({ kind: 'toggle', name: 'rate-limit-ip', on: true });
    await demo.step(15 * MINUTE_MS);
    const file = replaySchema.parse(JSON.parse(JSON.stringify(await demo.replayFile())));
    await demo.stop();
    expect(file.actions.map((a) => a.kind)).toEqual(['toggle', 'login', 'toggle']);
    expect(file.durationMs).toBe(80 * MINUTE_MS);

    const again = await replay(scenario, file);
    expect(again.sim.world.log.digest()).toBe(file.eventLogSha256);
    expect(again.sim.world.log.count('demo.defense-toggled')).toBe(2);
    await again.sim.stop();

    // The toggles matter: without them the same town ends elsewhere.
    const untouched = await replay(scenario, { ...file, actions: [] });
    expect(untouched.sim.world.log.digest()).not.toBe(file.eventLogSha256);
    await untouched.sim.stop();
  });
});
