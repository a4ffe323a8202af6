import { z } from 'zod';
import type { Link } from '../../simulator/broker/link.js';
import { homeOfTopic } from '../../simulator/broker/topics.js';
import { MINUTE_MS } from '../../simulator/core/duration.js';
import { defineScenario } from '../../simulator/runner/scenario.js';
import { attackerContext } from '../attackers/attacker-context.js';
import { countDeviceMinutesOffline, tryLink } from './wire-kit.js';

/**
 * A customer probes the broker's ACL for ways into other homes, as MQTTSA's ACL check does
 * by subscribing and publishing:
 * - wildcards in the client id (Mosquitto CVE-2017-7650: a `%c`/`%u` pattern ACL with a `+`
 *   or `#` in the id matched other clients' topics);
 * - topic tricks: a cross-tenant wildcard, `..` levels, empty levels, an overlong level, a
 *   Unicode look-alike of a neighbour's home id;
 * - access after revocation (Mosquitto CVE-2018-12546: a client kept receiving on a
 *   subscription after its access was revoked): the attacker is a neighbour's shared user,
 *   subscribes, is removed, and keeps listening.
 * Measured: filters granted, messages from homes not its own, messages after revocation.
 * Bounded: one connection, the fixed list of tricks, `acl.listenMinutes` ≤ 1440.
 */
const aclSchema = z.strictObject({
  startMinutes: z.number().int().min(0).max(24 * 60).default(10),
  /** Minutes it listens before and after the revocation, each. */
  listenMinutes: z.number().int().min(1).max(24 * 60).default(120),
});

/** Replaces ASCII digits with FULLWIDTH ones (U+FF10…): a different topic that reads the same. */
const lookAlike = (id: string) => id.replace(/[0-9]/g, (d) => String.fromCodePoint(0xff10 + Number(d)));

export default defineScenario({
  name: 'acl-bypass',
  summary: 'Probes the ACL: wildcard client ids (CVE-2017-7650), topic tricks, access after revocation (CVE-2018-12546)',
  params: z.strictObject({ acl: aclSchema.prefault({}) }),
  defaults: { homes: 20, duration: '6h', defenses: 'none' },
  setup(ctx) {
    const { sim, metrics } = ctx;
    const p = ctx.params.acl;
    const attacker = attackerContext(ctx, 'acl-bypass', { startMs: p.startMinutes * MINUTE_MS, durationMs: 2 * p.listenMinutes * MINUTE_MS });
    for (const key of ['mqtt.aclTricksTried', 'mqtt.aclTricksGranted', 'mqtt.wildcardIdsAccepted', 'mqtt.crossTenantMessages', 'mqtt.sharedHomeMessages', 'mqtt.messagesAfterRevoke']) metrics.set(key, 0);
    countDeviceMinutesOffline(ctx);
    const own = sim.town.homes.at(-1)!.homeId;
    const neighbour = sim.town.homes[0]!.homeId;
    const revokeAtMs = attacker.window.startMs + p.listenMinutes * MINUTE_MS;
    sim.world.scheduler.at(attacker.window.startMs, () =>
      sim.world.spawn(async () => {
        const account = sim.cloud.accounts.create({ id: 'acl-attacker', email: 'acl-attacker@attacker.example', password: 'unused-by-this-attack', homeIds: [own], nowMs: sim.world.now() });
        // The neighbour shares its doorbell with the attacker for a while (Ring's shared users).
        sim.cloud.addSharedUser(neighbour, account, 'owner');
        const session = sim.cloud.sessions.mint(account, { ip: '203.0.113.11', clientFingerprint: 'mqttsa', heldBy: 'attacker' });
        const credentials = { username: account.email, password: session.token };
        for (const clientId of ['+', '#', 'acl-#-probe']) {
          const probe = await tryLink(attacker, { clientId, ...credentials });
          if ('reason' in probe) continue;
          metrics.add('mqtt.wildcardIdsAccepted');
          await probe.close();
        }
        const link = await tryLink(attacker, { clientId: 'acl-prober', ...credentials });
        if ('reason' in link) return;
        listen(link);
        const tricks = [
          'homes/+/devices/+/events',
          `homes/${own}/../${neighbour}/#`,
          `homes//${neighbour}/#`,
          `homes/${own}/${'x'.repeat(1000)}/../../#`,
          `homes/${lookAlike(own)}/#`,
          '+/+/+/+/status',
        ];
        for (const filter of tricks) {
          metrics.add('mqtt.aclTricksTried');
          if (await link.subscribe(filter).catch(() => false)) metrics.add('mqtt.aclTricksGranted');
        }
        // Legitimately, while shared: the neighbour's home.
        await link.subscribe(`homes/${neighbour}/#`).catch(() => false);
      }),
    );
    let revoked = false;
    const listen = (link: Link) =>
      link.onMessage((topic) => {
        if (sim.world.now() >= attacker.window.endMs) return;
        const home = homeOfTopic(topic);
        if (home === neighbour && revoked) metrics.add('mqtt.messagesAfterRevoke');
        else if (home === neighbour) metrics.add('mqtt.sharedHomeMessages');
        else if (home !== own && home !== neighbour) metrics.add('mqtt.crossTenantMessages');
      });
    sim.world.scheduler.at(revokeAtMs, () => {
      // The neighbour removes the shared user: the account loses the home at once.
      const account = sim.cloud.accounts.get('acl-attacker');
      if (account) account.homeIds.splice(account.homeIds.indexOf(neighbour), 1);
      revoked = true;
    });
  },
});
