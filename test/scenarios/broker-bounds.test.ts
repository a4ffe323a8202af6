import { describe, expect, it } from 'vitest';
import { runWorld } from '../../simulator/testing/index.js';
import { renderSweepTable } from '../../simulator/metrics/render-sweep.js';
import { runSweep } from '../../simulator/runner/sweep.js';
import { runSeeds, scenario, SEEDS, values, type Metrics } from './helpers.js';

/**
 * The broker bounds (simulator/defenses/broker-bounds.ts), each against its attack over ten
 * seeds: the attack gets through at `mqtt-default` (aedes' own defaults), and the one switch
 * stops or cuts it. Each is also isolated: a profile that differs from the defaults (`none`)
 * by that switch alone (no-max-packet-size, no-connect-timeout; for $SYS, mqtt-default
 * against shared-device-credentials,no-topic-acl) shows the change is the switch's.
 */
// A small publish flood and packets just over the 256 KiB bound keep ten seeds cheap; the bounds judge the header, not the size.
const OVERSIZE_BYTES = 300_000;
const SMALL = { homes: 6, duration: '60m', set: ['dos.publishes=100', `dos.oversizeBytes=${OVERSIZE_BYTES}`] };
let openDos: Promise<Metrics[]> | undefined;
/** broker-dos at mqtt-default, run once for every test that compares against it. */
const openRuns = () => (openDos ??= runSeeds('broker-dos', { ...SMALL, defenses: 'mqtt-default' }));
const everySeed = (runs: readonly Metrics[], metric: string, test: (v: number) => boolean) =>
  expect(values(runs, metric), metric).toSatisfy((vs: number[]) => vs.every(test));

describe('broker bounds against their attacks (10 seeds)', () => {
  it('connect-rate-limit: 50 flood CONNECTs from one address open at mqtt-default, 30 with the limit', async () => {
    const open = await openRuns();
    const limited = await runSeeds('broker-dos', { ...SMALL, defenses: 'mqtt-default,connect-rate-limit' });
    everySeed(open, 'mqtt.dosConnectionsOpened', (v) => v === 50);
    // 30 in the minute, then the other 20 flood CONNECTs and the 5 oversize ones are refused before their credentials are read.
    everySeed(limited, 'mqtt.dosConnectionsOpened', (v) => v === 30);
    everySeed(limited, 'defense.connect-rate-limit.refused', (v) => v === 25);
    // The town's own devices (no simulated address) are never counted: nobody goes offline.
    everySeed(limited, 'mqtt.deviceMinutesOffline', (v) => v === 0);
  });

  it('max-packet-size and connect-timeout: 5 oversize packets buffered and 50 slow connects held at mqtt-default, none with the bounds', async () => {
    const open = await openRuns();
    const unbounded = await runSeeds('broker-dos', { ...SMALL, defenses: 'no-max-packet-size' });
    const noTimeout = await runSeeds('broker-dos', { ...SMALL, defenses: 'no-connect-timeout' });
    const bounded = await runSeeds('broker-dos', { ...SMALL, defenses: 'none' });
    for (const runs of [open, unbounded]) everySeed(runs, 'mqtt.oversizeBytesBuffered', (v) => v === 5 * OVERSIZE_BYTES);
    for (const runs of [open, noTimeout]) everySeed(runs, 'mqtt.slowConnectionsHeld', (v) => v === 50);
    everySeed(noTimeout, 'mqtt.oversizeBytesBuffered', (v) => v === 0);
    everySeed(unbounded, 'mqtt.slowConnectionsHeld', (v) => v === 0);
    // mqtt-default has no ACL, so the 1 MiB PUBLISH is taken and acknowledged; with the ACL it is refused, but only once buffered.
    everySeed(open, 'mqtt.oversizePacketsAccepted', (v) => v === 5);
    everySeed(unbounded, 'mqtt.oversizePacketsAccepted', (v) => v === 0);
    everySeed(bounded, 'mqtt.oversizeDroppedAtHeader', (v) => v === 5);
    everySeed(bounded, 'mqtt.oversizeBytesBuffered', (v) => v === 0);
    everySeed(bounded, 'mqtt.slowConnectionsHeld', (v) => v === 0);
    everySeed(bounded, 'mqtt.slowConnectionsTimedOut', (v) => v === 50);
    everySeed(open, 'mqtt.slowConnectionsTimedOut', (v) => v === 0);
  });

  it('sys-topics-closed: $SYS/# is granted at mqtt-default and refused with the switch', async () => {
    const RECON = { homes: 6, duration: '60m' } as const;
    const open = await runSeeds('mqtt-recon', { ...RECON, defenses: 'mqtt-default' });
    // The defaults less the credential and topic defences: only sys-topics-closed (and bounds irrelevant here) differ from mqtt-default.
    const closed = await runSeeds('mqtt-recon', { ...RECON, defenses: 'shared-device-credentials,no-topic-acl' });
    everySeed(open, 'mqtt.sysSubscriptionsGranted', (v) => v === 1);
    everySeed(closed, 'mqtt.sysSubscriptionsGranted', (v) => v === 0);
    everySeed(closed, 'mqtt.subscriptionsGranted', (v) => v === 2);
    // Over real mqtt.js clients aedes publishes $SYS/<id>/new/clients: the client ids of who connects, i.e. who is online.
    const [overMqtt] = await runSeeds('mqtt-recon', { ...RECON, transport: 'mqtt', defenses: 'mqtt-default' }, [1]);
    const [closedOverMqtt] = await runSeeds('mqtt-recon', { ...RECON, transport: 'mqtt', defenses: 'shared-device-credentials,no-topic-acl' }, [1]);
    expect(overMqtt!['mqtt.sysMessagesEavesdropped']).toBeGreaterThan(0);
    expect(closedOverMqtt!['mqtt.sysMessagesEavesdropped']).toBe(0);
  });

  it('the bounds keep a run deterministic: broker-dos at mqtt-hardened over mqtt.js twice, one event log', async () => {
    const options = { scenario: 'broker-dos', seed: 3, homes: 4, duration: '30m', transport: 'mqtt', defenses: 'mqtt-hardened', retainLog: true } as const;
    const [a, b] = [await runWorld(options), await runWorld(options)];
    expect(a.digest).toBe(b.digest);
    // 50 SlowITe streams closed by connect-timeout, in virtual time, each logged.
    expect(a.ofType('broker.stream-refused').filter((e) => e.reason === 'connect-timeout')).toHaveLength(50);
  });

  it('the sweep table shows each bound: mqtt-default against mqtt-hardened', async () => {
    const sweep = await runSweep(scenario('broker-dos'), { ...SMALL, transport: 'direct', defenseSets: ['mqtt-default', 'mqtt-hardened'], seeds: SEEDS.slice(0, 2) });
    const table = renderSweepTable(sweep);
    for (const label of ['flood connections opened', 'slow (SlowITe) connections held', 'oversize bytes buffered by the broker']) expect(table).toContain(label);
    const hardened = sweep.sets.find((s) => s.defenses === 'mqtt-hardened')!;
    for (const run of hardened.runs) {
      expect(run.metrics['mqtt.slowConnectionsHeld']).toBe(0);
      expect(run.metrics['mqtt.oversizeBytesBuffered']).toBe(0);
    }
  });
});
