import { describe, expect, it } from 'vitest';
import { DOS_CAPS } from '../../scenarios/wire/broker-dos.js';
import { renderSweepTable } from '../../simulator/metrics/render-sweep.js';
import { mosquittoSwitches } from '../../simulator/mosquitto/broker-switches.js';
import { mosquittoConf } from '../../simulator/mosquitto/broker-config.js';
import { parseDefenses } from '../../simulator/defenses/index.js';
import { InputError } from '../../simulator/runner/input-error.js';
import { runScenario } from '../../simulator/runner/run-scenario.js';
import { runSweep } from '../../simulator/runner/sweep.js';
import { runWorld } from '../../simulator/testing/index.js';
import { runSeeds, scenario, SEEDS, values, type Metrics } from './helpers.js';

/**
 * max-keepalive (simulator/defenses/max-keepalive.ts) against broker-dos's idle connections,
 * the SlowITe variant a CONNECT timeout does not stop: 10 whole CONNECTs, then silence. Only
 * the idle attack runs (the other floods are set to 0), so the figures are its alone.
 */
const IDLE_ONLY = ['dos.connections=0', 'dos.slowConnections=0', 'dos.publishes=0', 'dos.oversizePackets=0'];
const SMALL = { homes: 6, duration: '30m', set: IDLE_ONLY };
const everySeed = (runs: readonly Metrics[], metric: string, test: (v: number) => boolean) =>
  expect(values(runs, metric), metric).toSatisfy((vs: number[]) => vs.every(test));

describe('max-keepalive against idle connections (10 seeds)', () => {
  it('keepalive 65,535 s: all 10 held to the end at mqtt-default and with connect-timeout; refused with CONNACK 2 by max-keepalive', async () => {
    const open = await runSeeds('broker-dos', { ...SMALL, defenses: 'mqtt-default' });
    // connect-timeout (on at `none`) sees a whole CONNECT at once: it stops nothing here.
    const timedOnly = await runSeeds('broker-dos', { ...SMALL, defenses: 'none' });
    const bounded = await runSeeds('broker-dos', { ...SMALL, defenses: 'mqtt-default,max-keepalive' });
    for (const runs of [open, timedOnly]) {
      everySeed(runs, 'mqtt.idleConnectionsAccepted', (v) => v === 10);
      everySeed(runs, 'mqtt.idleConnectionsHeld', (v) => v === 10);
    }
    everySeed(bounded, 'mqtt.idleConnectionsAccepted', (v) => v === 0);
    everySeed(bounded, 'mqtt.idleConnectionsHeld', (v) => v === 0);
    everySeed(bounded, 'defense.max-keepalive.refused', (v) => v === 10);
    // The town's own clients (in-process, no address, keepalive 0) are not bound: nobody goes offline.
    everySeed(bounded, 'mqtt.deviceMinutesOffline', (v) => v === 0);
    // mqtt-hardened has max-keepalive: none held there either.
    const hardened = await runSeeds('broker-dos', { ...SMALL, defenses: 'mqtt-hardened' });
    everySeed(hardened, 'mqtt.idleConnectionsHeld', (v) => v === 0);
    everySeed(hardened, 'defense.max-keepalive.refused', (v) => v === 10);
  });

  it('keepalive 0 and a declared keepalive within the bound: closed in virtual time after 1.5 × the keepalive of silence', async () => {
    // Keepalive 0 is held to 1.5 × maxKeepaliveS (1,800 s at the default 1,200 s): a 60-minute window outlasts it.
    const zero = { homes: 6, duration: '75m', set: [...IDLE_ONLY, 'dos.idleKeepaliveS=0', 'dos.minutes=60'] };
    const zeroOpen = await runSeeds('broker-dos', { ...zero, defenses: 'mqtt-default' });
    const zeroBounded = await runSeeds('broker-dos', { ...zero, defenses: 'mqtt-default,max-keepalive' });
    everySeed(zeroOpen, 'mqtt.idleConnectionsHeld', (v) => v === 10);
    everySeed(zeroBounded, 'mqtt.idleConnectionsAccepted', (v) => v === 10);
    everySeed(zeroBounded, 'mqtt.idleConnectionsHeld', (v) => v === 0);
    everySeed(zeroBounded, 'mqtt.idleConnectionsClosedForSilence', (v) => v === 10);
    // A 60 s keepalive, allowed, is closed after 90 s of silence, well inside a 10-minute window.
    const sixty = await runSeeds('broker-dos', { ...SMALL, set: [...IDLE_ONLY, 'dos.idleKeepaliveS=60'], defenses: 'mqtt-default,max-keepalive' });
    everySeed(sixty, 'mqtt.idleConnectionsHeld', (v) => v === 0);
    everySeed(sixty, 'mqtt.idleConnectionsClosedForSilence', (v) => v === 10);
  });

  it('closes at 1.5 × keepalive exactly, on the world\u2019s clock, and replays: one event log twice over mqtt.js', async () => {
    const options = { scenario: 'broker-dos', seed: 4, homes: 4, duration: '30m', transport: 'mqtt', defenses: 'mqtt-default,max-keepalive', set: [...IDLE_ONLY, 'dos.idleKeepaliveS=60'], retainLog: true } as const;
    const [a, b] = [await runWorld(options), await runWorld(options)];
    expect(a.digest).toBe(b.digest);
    const expired = a.ofType('broker.keepalive-expired');
    expect(expired).toHaveLength(10);
    for (const e of expired) {
      expect(e.silentMs).toBe(90_000);
      expect(e.clientId).toMatch(/^dos-idle-/);
    }
  });

  it('a silent town over mqtt.js is not bound (no address), even with a 1 s maximum', async () => {
    const { metrics, ofType } = await runWorld({ scenario: 'broker-dos', seed: 2, homes: 4, duration: '30m', transport: 'mqtt', defenses: 'mqtt-default,max-keepalive', set: [...IDLE_ONLY, 'dos.idleKeepaliveS=1', 'max-keepalive.maxKeepaliveS=1'], retainLog: true });
    expect(ofType('broker.keepalive-expired').every((e) => e.clientId.startsWith('dos-idle-'))).toBe(true);
    expect(metrics['mqtt.idleConnectionsClosedForSilence']).toBe(10);
    expect(metrics['mqtt.deviceMinutesOffline']).toBe(0);
  });

  it('the sweep table shows idle connections held; bad values are refused naming the field', async () => {
    const sweep = await runSweep(scenario('broker-dos'), { ...SMALL, transport: 'direct', defenseSets: ['mqtt-default', 'mqtt-default,max-keepalive'], seeds: SEEDS.slice(0, 2) });
    expect(renderSweepTable(sweep)).toContain('idle (keepalive) connections held');
    for (const bad of [`dos.idleConnections=${DOS_CAPS.idleConnections + 1}`, 'dos.idleConnections=-1', 'dos.idleKeepaliveS=65536', 'dos.idleKeepaliveS=1.5', 'max-keepalive.maxKeepaliveS=0', 'max-keepalive.maxKeepaliveS=65536']) {
      const field = bad.split('=')[0]!.split('.').at(-1)!;
      await expect(runScenario(scenario('broker-dos'), { ...SMALL, seed: 1, defenses: 'max-keepalive', set: [bad] })).rejects.toSatisfy((e: unknown) => e instanceof InputError && e.message.includes(field));
    }
  });

  it('the mosquitto.conf mirror writes max_keepalive N, and says what Debian\u2019s 2.0.11 does with it', () => {
    const switches = mosquittoSwitches(parseDefenses('max-keepalive'));
    expect(switches.maxKeepaliveS).toBe(1200);
    const conf = mosquittoConf({ port: 1883, passwordFile: '/p', aclFile: undefined, maxKeepaliveS: switches.maxKeepaliveS!, notes: switches.notes });
    expect(conf).toMatch(/^max_keepalive 1200$/m);
    expect(conf).not.toMatch(/^max_keepalive 65535$/m);
    expect(switches.notes.some((n) => n.startsWith('# max-keepalive'))).toBe(true);
    expect(mosquittoSwitches(parseDefenses('none')).maxKeepaliveS).toBeUndefined();
  });
});
