import { describe, expect, it } from 'vitest';
import { runWorld } from '../../simulator/testing/index.js';
import { runSeeds, SEEDS, values, type Metrics } from './helpers.js';

/**
 * payload-encryption over ten seeds: the `#` eavesdropper of mqtt-recon at mqtt-default reads
 * as many messages as before but no personal data in them (topics still leak, and are
 * counted); the town itself runs exactly as without it (same event log); the tenant ACL's
 * outcomes do not move; GCM's authentication stops the shared-credential forger; and the
 * commands owners send still arrive (sealed, attested, signed when signed-commands is on).
 */
const SMALL = { homes: 6, duration: '90m' } as const;

const withoutDefenseKeys = (m: Metrics) => Object.fromEntries(Object.entries(m).filter(([k]) => !k.startsWith('defense.')));

describe('payload-encryption (10 seeds)', () => {
  it('mqtt-recon at mqtt-default: the same messages eavesdropped, no personal data in them; topic names still leak', async () => {
    const open = await runSeeds('mqtt-recon', { ...SMALL, defenses: 'mqtt-default' });
    const sealed = await runSeeds('mqtt-recon', { ...SMALL, defenses: 'mqtt-default,payload-encryption' });
    expect(sealed).toHaveLength(SEEDS.length);
    expect(values(open, 'mqtt.personalDataLeaked').every((v) => v > 0)).toBe(true);
    expect(values(sealed, 'mqtt.personalDataLeaked')).toEqual(SEEDS.map(() => 0));
    for (const metric of ['mqtt.messagesEavesdropped', 'mqtt.retainedHarvested', 'mqtt.homesExposed', 'mqtt.topicMetadataLeaked', 'mqtt.topicMetadataLeaked.presence']) {
      expect(values(sealed, metric), metric).toEqual(values(open, metric));
    }
    expect(values(sealed, 'mqtt.topicMetadataLeaked').reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(values(sealed, 'defense.payload-encryption.sealed').every((v) => v > 0)).toBe(true);
    expect(values(sealed, 'defense.payload-encryption.authFailures')).toEqual(SEEDS.map(() => 0));
  });

  it('the town runs exactly as without it: the same event log, over MQTT and the fast path, with owners\u2019 and intruders\u2019 commands', async () => {
    for (const options of [
      { scenario: 'baseline', seed: 3, homes: 20, duration: '12h', transport: 'mqtt' },
      { scenario: 'credential-stuffing', seed: 3, homes: 20, duration: '6h', transport: 'direct' },
    ] as const) {
      const base = 'none';
      const plain = await runWorld({ ...options, defenses: base, retainLog: false });
      const sealed = await runWorld({ ...options, defenses: `${base},payload-encryption`, retainLog: false });
      expect(sealed.digest, options.scenario).toBe(plain.digest);
      expect(withoutDefenseKeys(sealed.report.metrics), options.scenario).toEqual(withoutDefenseKeys(plain.report.metrics));
      expect(sealed.report.metrics['defense.payload-encryption.opened'], options.scenario).toBeGreaterThan(0);
    }
  });

  it('tenant-ACL outcomes do not move: acl-bypass reports the same with and without it', async () => {
    const plain = await runSeeds('acl-bypass', { ...SMALL, defenses: 'shared-device-credentials' }, SEEDS.slice(0, 3));
    const sealed = await runSeeds('acl-bypass', { ...SMALL, defenses: 'shared-device-credentials,payload-encryption' }, SEEDS.slice(0, 3));
    expect(sealed.map(withoutDefenseKeys)).toEqual(plain.map(withoutDefenseKeys));
  });

  it('the shared-credential forger cannot inject: no forged clip is stored, every forgery is refused as plaintext', async () => {
    const runs = await runSeeds('device-impersonation', { ...SMALL, defenses: 'mqtt-default,payload-encryption' });
    expect(values(runs, 'mqtt.forgedEventsAccepted')).toEqual(SEEDS.map(() => 0));
    expect(values(runs, 'defense.payload-encryption.plaintextRefused').every((v) => v >= 50)).toBe(true);
  });

  it('encryption alone does not stop a replay (the ciphertext replays as well); with signed-commands nothing is accepted', async () => {
    const busy = { homes: 12, duration: '4h' } as const;
    const sealed = await runSeeds('command-replay', { ...busy, defenses: 'mqtt-default,payload-encryption' }, SEEDS.slice(0, 3));
    const both = await runSeeds('command-replay', { ...busy, defenses: 'mqtt-default,payload-encryption,signed-commands' }, SEEDS.slice(0, 3));
    expect(values(sealed, 'mqtt.replaysAccepted').every((v) => v > 0)).toBe(true);
    expect(values(both, 'mqtt.replaysAccepted')).toEqual([0, 0, 0]);
    expect(values(both, 'mqtt.honestCommandsObeyed').every((v) => v > 0)).toBe(true);
    expect(values(both, 'mqtt.honestCommandsRejected')).toEqual([0, 0, 0]);
  });
});
