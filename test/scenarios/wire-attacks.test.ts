import { describe, expect, it } from 'vitest';
import { DOS_CAPS } from '../../scenarios/wire/broker-dos.js';
import { InputError } from '../../simulator/runner/input-error.js';
import { runScenario } from '../../simulator/runner/run-scenario.js';
import { runSeeds, scenario, SEEDS, values, type Metrics } from './helpers.js';

/**
 * Issue 17's rule for the wire attacks: each succeeds with the broker at `mqtt-default`
 * (aedes' own defaults) and its matching defence stops it or measurably reduces it, over
 * ten seeds. Small towns and short runs: the attacks are bounded by their own parameters,
 * not by the town.
 */
const SMALL = { homes: 6, duration: '90m' } as const;

const sum = (runs: readonly Metrics[], metric: string) => values(runs, metric).reduce((a, b) => a + b, 0);
const everySeed = (runs: readonly Metrics[], metric: string, test: (v: number) => boolean) => expect(values(runs, metric).every(test)).toBe(true);

describe('wire attacks at mqtt-default and against their defences (10 seeds)', () => {
  it('mqtt-recon: factory credentials and `#` at mqtt-default; unique-device-credentials and tenant-acl each stop it', async () => {
    const open = await runSeeds('mqtt-recon', { ...SMALL, defenses: 'mqtt-default' });
    const tenantOnly = await runSeeds('mqtt-recon', { ...SMALL, defenses: 'shared-device-credentials' });
    const credsOnly = await runSeeds('mqtt-recon', { ...SMALL, defenses: 'no-topic-acl' });
    const hardened = await runSeeds('mqtt-recon', { ...SMALL, defenses: 'mqtt-hardened' });
    expect(open).toHaveLength(SEEDS.length);
    everySeed(open, 'mqtt.credentialsFound', (v) => v === 5);
    everySeed(open, 'mqtt.messagesEavesdropped', (v) => v > 0);
    everySeed(open, 'mqtt.retainedHarvested', (v) => v > 0);
    everySeed(open, 'mqtt.homesExposed', (v) => v === SMALL.homes);
    // `#`, `$SYS/#` and `+/#` all granted: mqtt-default has $SYS open, as aedes does (sys-topics-closed off).
    everySeed(open, 'mqtt.subscriptionsGranted', (v) => v === 3);
    expect(sum(open, 'mqtt.personalDataLeaked.firmware')).toBeGreaterThan(0);
    expect(sum(open, 'mqtt.personalDataLeaked.presence')).toBeGreaterThan(0);
    // The tenant ACL alone: the shared credential still works, but no filter crosses a tenant.
    everySeed(tenantOnly, 'mqtt.credentialsFound', (v) => v === 5);
    everySeed(tenantOnly, 'mqtt.subscriptionsGranted', (v) => v === 0);
    everySeed(tenantOnly, 'mqtt.messagesEavesdropped', (v) => v === 0);
    // Unique credentials alone: nothing to log in with.
    for (const runs of [credsOnly, hardened]) {
      everySeed(runs, 'mqtt.credentialsFound', (v) => v === 0);
      everySeed(runs, 'mqtt.personalDataLeaked', (v) => v === 0);
    }
  });

  it('device-impersonation: the cloud stores forged clips at mqtt-default, none with unique-device-credentials', async () => {
    const open = await runSeeds('device-impersonation', { ...SMALL, defenses: 'mqtt-default' });
    const guarded = await runSeeds('device-impersonation', { ...SMALL, defenses: 'none' });
    // 5 victims × 10 rounds, one forged clip each, all fit in 90 minutes (start 10 min, every 5 min).
    everySeed(open, 'mqtt.forgedEventsAccepted', (v) => v === 50);
    everySeed(open, 'mqtt.forgedPublished', (v) => v === 150);
    everySeed(guarded, 'mqtt.credentialsFound', (v) => v === 0);
    everySeed(guarded, 'mqtt.forgedEventsAccepted', (v) => v === 0);
    // The tenant ACL does not help here: the forger speaks as the device, in the device's own subtree.
    const aclOnly = await runSeeds('device-impersonation', { ...SMALL, defenses: 'shared-device-credentials' }, SEEDS.slice(0, 3));
    everySeed(aclOnly, 'mqtt.forgedEventsAccepted', (v) => v === 50);
  });

  it('client-id-takeover: victims go offline at mqtt-default, never with client-id-binding; the $SYS spoof is refused everywhere', async () => {
    const open = await runSeeds('client-id-takeover', { ...SMALL, defenses: 'mqtt-default' });
    const unbound = await runSeeds('client-id-takeover', { ...SMALL, defenses: 'no-client-id-binding' });
    const bound = await runSeeds('client-id-takeover', { ...SMALL, defenses: 'none' });
    for (const runs of [open, unbound]) {
      everySeed(runs, 'mqtt.clientIdsTaken', (v) => v === 5);
      // 5 doorbells down from minute 10 of 90: about 5 × 80 device-minutes.
      everySeed(runs, 'mqtt.deviceMinutesOffline', (v) => v >= 5 * 75);
    }
    everySeed(bound, 'mqtt.clientIdsTaken', (v) => v === 0);
    everySeed(bound, 'mqtt.deviceMinutesOffline', (v) => v === 0);
    for (const runs of [open, bound]) everySeed(runs, 'mqtt.sysSpoofsRefused', (v) => v >= 1);
  });

  it('connect-brute-force: the factory default falls on the third guess at mqtt-default; 128-bit device secrets are never guessed', async () => {
    const open = await runSeeds('connect-brute-force', { ...SMALL, defenses: 'mqtt-default' });
    const guarded = await runSeeds('connect-brute-force', { ...SMALL, defenses: 'mqtt-hardened' });
    everySeed(open, 'mqtt.credentialsFound', (v) => v === 3);
    everySeed(open, 'mqtt.guessesToFirstCredential', (v) => v === 3);
    // 3 devices: 3 guesses each until the default falls.
    everySeed(open, 'mqtt.connectAttempts', (v) => v === 9);
    everySeed(guarded, 'mqtt.credentialsFound', (v) => v === 0);
    everySeed(guarded, 'mqtt.connectAttempts', (v) => v === 150);
  });

  it('broker-dos: connection-cap and publish-rate-limit cut the floods at mqtt-hardened; connect-timeout closes the slow connects', async () => {
    const open = await runSeeds('broker-dos', { ...SMALL, defenses: 'mqtt-default' });
    const guarded = await runSeeds('broker-dos', { ...SMALL, defenses: 'mqtt-hardened' });
    everySeed(open, 'mqtt.dosConnectionsOpened', (v) => v === 50);
    everySeed(open, 'mqtt.dosPublishesDelivered', (v) => v === 5000);
    everySeed(guarded, 'mqtt.dosConnectionsOpened', (v) => v === 10);
    everySeed(guarded, 'mqtt.dosConnectionsRefused', (v) => v === 40);
    // The 601st publish in the minute is refused and the flooding link dropped.
    everySeed(guarded, 'mqtt.dosPublishesSent', (v) => v === 601);
    everySeed(guarded, 'defense.publish-rate-limit.refused', (v) => v === 1);
    everySeed(guarded, 'mqtt.dosPublishesDelivered', (v) => v < 601);
    // aedes has no CONNECT timeout by default: half-open CONNECTs stay until the window ends; connect-timeout closes them after 10 s of virtual time.
    everySeed(open, 'mqtt.slowConnectionsHeld', (v) => v === 50);
    everySeed(guarded, 'mqtt.slowConnectionsHeld', (v) => v === 0);
  });

  it('broker-dos stays within its caps at the largest parameters, and refuses anything beyond them', async () => {
    const set = [`dos.connections=${DOS_CAPS.connections}`, `dos.slowConnections=${DOS_CAPS.slowConnections}`, 'dos.publishes=1000', `dos.minutes=${DOS_CAPS.minutes}`];
    const { report } = await runScenario(scenario('broker-dos'), { homes: 4, duration: '2h', seed: 2, transport: 'direct', defenses: 'mqtt-default', set });
    expect(report.metrics['mqtt.dosConnectionsOpened']).toBe(DOS_CAPS.connections);
    expect(report.metrics['mqtt.slowConnectionsHeld']).toBe(DOS_CAPS.slowConnections);
    for (const bad of [`dos.connections=${DOS_CAPS.connections + 1}`, `dos.slowConnections=${DOS_CAPS.slowConnections + 1}`, `dos.publishes=${DOS_CAPS.publishes + 1}`, `dos.minutes=${DOS_CAPS.minutes + 1}`, 'dos.connections=-1', 'dos.minutes=0.5']) {
      const field = bad.split('=')[0]!;
      await expect(runScenario(scenario('broker-dos'), { ...SMALL, seed: 1, set: [bad] })).rejects.toSatisfy((e: unknown) => e instanceof InputError && e.message.includes(field));
    }
  });

  it('acl-bypass: tricks reach other homes and outlive revocation at mqtt-default; the tenant ACL stops every one', async () => {
    const busy = { homes: 6, duration: '6h', set: ['doorbell.motionPerDay=200'] } as const;
    const open = await runSeeds('acl-bypass', { ...busy, defenses: 'mqtt-default' });
    const guarded = await runSeeds('acl-bypass', { ...busy, defenses: 'mqtt-hardened' });
    everySeed(open, 'mqtt.aclTricksGranted', (v) => v === 6);
    everySeed(open, 'mqtt.crossTenantMessages', (v) => v > 0);
    expect(sum(open, 'mqtt.messagesAfterRevoke')).toBeGreaterThan(0);
    // Granted at hardened: only the two filters whose `..` is a literal level inside the attacker's own home.
    everySeed(guarded, 'mqtt.aclTricksGranted', (v) => v === 2);
    everySeed(guarded, 'mqtt.crossTenantMessages', (v) => v === 0);
    everySeed(guarded, 'mqtt.messagesAfterRevoke', (v) => v === 0);
    // While shared, the neighbour's home is legitimately visible at both.
    expect(sum(guarded, 'mqtt.sharedHomeMessages')).toBeGreaterThan(0);
  });

  it('behaves the same over real mqtt.js clients on in-memory streams', async () => {
    const run = (name: string, defenses: string) => runScenario(scenario(name), { ...SMALL, seed: 1, transport: 'mqtt', defenses }).then((r) => r.report.metrics);
    const recon = await run('mqtt-recon', 'mqtt-default');
    expect(recon['mqtt.credentialsFound']).toBe(5);
    expect(recon['mqtt.messagesEavesdropped']).toBeGreaterThan(0);
    expect((await run('mqtt-recon', 'none'))['mqtt.credentialsFound']).toBe(0);
    expect((await run('device-impersonation', 'mqtt-default'))['mqtt.forgedEventsAccepted']).toBe(50);
    expect((await run('client-id-takeover', 'mqtt-default'))['mqtt.deviceMinutesOffline']).toBeGreaterThanOrEqual(5 * 75);
    expect((await run('client-id-takeover', 'none'))['mqtt.deviceMinutesOffline']).toBe(0);
  });

  it('refuses counts beyond the stated bounds before any work, naming the field', async () => {
    for (const [name, set] of [
      ['mqtt-recon', 'recon.devicesTried=51'],
      ['mqtt-recon', 'recon.listenMinutes=0'],
      ['device-impersonation', 'impersonation.forgeriesPerDevice=101'],
      ['client-id-takeover', 'takeoverIds.devices=1000'],
      ['connect-brute-force', 'guessing.guessesPerDevice=1001'],
      ['connect-brute-force', 'guessing.perMinute=0'],
      ['acl-bypass', 'acl.listenMinutes=1441'],
    ] as const) {
      const field = set.split('=')[0]!;
      await expect(runScenario(scenario(name), { ...SMALL, seed: 1, set: [set] })).rejects.toSatisfy((e: unknown) => e instanceof InputError && e.message.includes(field));
    }
  });
});
