import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { listDefenses } from '../../simulator/cli/commands/list.js';
import { defineDefense, defineScenario, registerDefense, type BrokerPolicy, type BrokerPrincipal } from '../../simulator/index.js';
import { runWorld } from '../../simulator/testing/index.js';

/**
 * Defences at the broker choke point, from a test file alone (issue 13): a toy policy that
 * mutes doorbell events on their way to apps plugs in beside the login defences through the
 * same catalogue, `--defenses` string and report; and the tenant ACL, on by default, is a
 * defence like any other that the `no-topic-acl` profile takes away.
 */
const muteEvents = defineDefense({
  name: 'toy-mute-events',
  layer: 'broker',
  models: 'a test double: drops doorbell events before they reach an account',
  schema: z.object({}),
  defaults: {},
  create() {
    let dropped = 0;
    const broker: BrokerPolicy = {
      name: 'toy-mute-events',
      authorizeForward(principal: BrokerPrincipal, topic: string) {
        if (principal.kind === 'account' && topic.endsWith('/events')) {
          dropped++;
          return false;
        }
        return true;
      },
    };
    return { name: 'toy-mute-events', broker, stats: () => ({ dropped }) };
  },
});
registerDefense(muteEvents);

/** An owner of the first home who also tries to watch the second one. */
const nosyNeighbour = defineScenario({
  name: 'nosy-neighbour',
  summary: 'the owner of home 1 subscribes to home 2',
  async setup({ sim, metrics }) {
    const [mine, theirs] = sim.town.homes;
    const login = sim.cloud.attemptLogin({ email: mine!.owner.email, password: mine!.password, ip: '10.0.0.9', clientFingerprint: 'nosy', actor: 'owner' });
    const link = await sim.broker.link({ clientId: 'nosy-1', username: mine!.owner.email, password: login.session!.token }, sim.transport);
    let seen = 0;
    link.onMessage(() => seen++);
    const granted = await link.subscribe(`homes/${theirs!.homeId}/#`);
    metrics.set('nosy.granted', granted ? 1 : 0);
    sim.world.scheduler.at(sim.world.now() + 6 * 3_600_000 - 1, () => metrics.set('nosy.messagesSeen', seen));
  },
});

describe('defences at the broker choke point', () => {
  for (const transport of ['direct', 'mqtt'] as const) {
    it(`a broker defence from a test file runs beside login defences and reports its counters (${transport})`, async () => {
      // Apps open often, so some are watching when a doorbell sees motion.
      const common = { scenario: 'baseline', seed: 3, homes: 10, duration: '12h', transport, set: ['app.opensPerDay=100', 'doorbell.motionPerDay=100'] } as const;
      const plain = await runWorld({ ...common, defenses: 'ring-2020' });
      const muted = await runWorld({ ...common, defenses: 'ring-2020,toy-mute-events' });
      expect(plain.report.defenses).toEqual(['2fa-mandatory', 'login-alerts', 'tenant-acl', 'unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed']);
      expect(muted.report.defenses).toEqual(['2fa-mandatory', 'login-alerts', 'tenant-acl', 'unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed', 'toy-mute-events']);
      expect(plain.metrics['defense.toy-mute-events.dropped']).toBeUndefined();
      expect(muted.metrics['defense.toy-mute-events.dropped']).toBeGreaterThan(0);
      // The doorbells saw the same day; the apps were told nothing of it.
      expect(muted.metrics['events.motion']).toBe(plain.metrics['events.motion']);
    });
  }

  it('shows in `list defenses` with its layer', () => {
    expect(listDefenses()).toMatch(/toy-mute-events\s+broker\s+a test double/);
    expect(listDefenses()).toMatch(/tenant-acl\s+broker\s+on\s+OWASP ASVS/);
  });

  for (const transport of ['direct', 'mqtt'] as const) {
    it(`the tenant ACL is on by default and no-topic-acl takes it away (${transport})`, async () => {
      const guarded = await runWorld({ scenario: nosyNeighbour, seed: 4, homes: 4, duration: '6h', transport, defenses: 'none' });
      const open = await runWorld({ scenario: nosyNeighbour, seed: 4, homes: 4, duration: '6h', transport, defenses: 'no-topic-acl' });
      expect(guarded.report.defenses).toEqual(['tenant-acl', 'unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed']);
      expect(guarded.metrics['nosy.granted']).toBe(0);
      expect(guarded.metrics['nosy.messagesSeen']).toBe(0);
      // Logged alike over MQTT (the aedes hook) and the fast path.
      expect(guarded.ofType('broker.subscribe-refused').map((e) => e.filter)).toEqual(['homes/home-00002/#']);
      expect(open.report.defenses).toEqual(['unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed']);
      expect(open.metrics['nosy.granted']).toBe(1);
      expect(open.metrics['nosy.messagesSeen']).toBeGreaterThan(0);
    });
  }
});
