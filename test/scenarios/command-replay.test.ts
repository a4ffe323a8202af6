import { describe, expect, it } from 'vitest';
import { InputError } from '../../simulator/runner/input-error.js';
import { runScenario } from '../../simulator/runner/run-scenario.js';
import { runSeeds, scenario, SEEDS, values, type Metrics } from './helpers.js';

/**
 * Issue 17's rule for command-replay: over ten seeds the eavesdropper's replays are acted on
 * at `mqtt-default` and never with `signed-commands`, whether replayed late (stale) or at once
 * (nonce already seen); and the defence's cost, honest commands lost to late delivery, shows
 * once the wire delays commands past the replay window. 12 homes for 4 hours: owners send a
 * few commands each seed (the app's daily rhythm is quiet at night).
 */
const SMALL = { homes: 12, duration: '4h' } as const;

const everySeed = (runs: readonly Metrics[], metric: string, test: (v: number) => boolean) => expect(values(runs, metric), metric).toSatisfy((vs: number[]) => vs.every(test));

describe('command-replay at mqtt-default and with signed-commands (10 seeds)', () => {
  it('every seed: replays accepted at mqtt-default, all refused with signed-commands, honest commands still obeyed', async () => {
    const open = await runSeeds('command-replay', { ...SMALL, defenses: 'mqtt-default' });
    const signed = await runSeeds('command-replay', { ...SMALL, defenses: 'mqtt-default,signed-commands' });
    expect(open).toHaveLength(SEEDS.length);
    everySeed(open, 'mqtt.commandsCaptured', (v) => v > 0);
    everySeed(open, 'mqtt.replaysAccepted', (v) => v > 0);
    // Every replay the device received it acted on: nothing at mqtt-default tells a replay from the original.
    for (const m of open) expect(m['mqtt.replaysAccepted']).toBe(m['mqtt.replaysSent']);
    everySeed(open, 'mqtt.replaysRejected', (v) => v === 0);
    everySeed(signed, 'mqtt.commandsCaptured', (v) => v > 0);
    everySeed(signed, 'mqtt.replaysAccepted', (v) => v === 0);
    for (const m of signed) expect(m['mqtt.replaysRejected']).toBe(m['mqtt.replaysSent']);
    everySeed(signed, 'mqtt.honestCommandsRejected', (v) => v === 0);
    everySeed(signed, 'mqtt.honestCommandsObeyed', (v) => v > 0);
    // Replays from a minute on are outside the 30 s window: refused as stale.
    for (const m of signed) expect(m['defense.signed-commands.stale']).toBe(m['mqtt.replaysSent']);
  });

  it('over real MQTT packets (aedes hooks) the same: accepted open, refused signed', async () => {
    const [open] = await runSeeds('command-replay', { ...SMALL, transport: 'mqtt', defenses: 'mqtt-default' }, [1]);
    const [signed] = await runSeeds('command-replay', { ...SMALL, transport: 'mqtt', defenses: 'mqtt-default,signed-commands' }, [1]);
    expect(open!['mqtt.replaysAccepted']).toBeGreaterThan(0);
    expect(signed!['mqtt.replaysSent']).toBeGreaterThan(0);
    expect(signed!['mqtt.replaysAccepted']).toBe(0);
    expect(signed!['mqtt.honestCommandsObeyed']).toBeGreaterThan(0);
  });

  it('replayed within the window, the nonce gives it away', async () => {
    const fast = ['replay.delayMinSeconds=0', 'replay.delayMaxSeconds=5'];
    const runs = await runSeeds('command-replay', { ...SMALL, defenses: 'mqtt-default,signed-commands', set: fast });
    everySeed(runs, 'mqtt.replaysAccepted', (v) => v === 0);
    everySeed(runs, 'defense.signed-commands.replayedNonce', (v) => v > 0);
    const open = await runSeeds('command-replay', { ...SMALL, defenses: 'mqtt-default', set: fast }, SEEDS.slice(0, 3));
    everySeed(open, 'mqtt.replaysAccepted', (v) => v > 0);
  });

  it('without the shared credential there is nothing to capture; the tenant ACL alone refuses commands/# to a device', async () => {
    const unique = await runSeeds('command-replay', { ...SMALL, defenses: 'none' }, SEEDS.slice(0, 3));
    everySeed(unique, 'mqtt.credentialsFound', (v) => v === 0);
    everySeed(unique, 'mqtt.commandsCaptured', (v) => v === 0);
    const acl = await runSeeds('command-replay', { ...SMALL, defenses: 'shared-device-credentials' }, SEEDS.slice(0, 3));
    everySeed(acl, 'mqtt.credentialsFound', (v) => v === 1);
    everySeed(acl, 'mqtt.commandsCaptured', (v) => v === 0);
  });

  it('the cost: commands delayed past the window (faults.delayMs 40 s) are refused; within it (5 s) none are', async () => {
    const late = await runSeeds('command-replay', { ...SMALL, defenses: 'mqtt-default,signed-commands', set: ['faults.delayMs=40000'] }, SEEDS.slice(0, 3));
    everySeed(late, 'mqtt.honestCommandsRejected', (v) => v > 0);
    everySeed(late, 'mqtt.honestCommandsObeyed', (v) => v === 0);
    const slow = await runSeeds('command-replay', { ...SMALL, defenses: 'mqtt-default,signed-commands', set: ['faults.delayMs=5000'] }, SEEDS.slice(0, 3));
    everySeed(slow, 'mqtt.honestCommandsRejected', (v) => v === 0);
    everySeed(slow, 'mqtt.honestCommandsObeyed', (v) => v > 0);
  });

  it('bad values are refused before the run, naming the field', async () => {
    const cases: Array<[string[], string, string?]> = [
      [['replay.maxCaptured=101'], 'replay.maxCaptured'],
      [['replay.replaysPerCommand=0'], 'replay.replaysPerCommand'],
      [['replay.delayMaxSeconds=86401'], 'replay.delayMaxSeconds'],
      [['replay.delayMinSeconds=600', 'replay.delayMaxSeconds=60'], 'replay.delayMinSeconds'],
      [['signed-commands.windowMs=0'], 'windowMs', 'mqtt-default,signed-commands'],
    ];
    for (const [set, field, defenses] of cases) {
      await expect(runScenario(scenario('command-replay'), { ...SMALL, seed: 1, set, defenses }), set.join(' ')).rejects.toSatisfy((e: unknown) => e instanceof InputError && e.message.includes(field));
    }
  });
});
