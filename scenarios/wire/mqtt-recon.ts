import { z } from 'zod';
import { MINUTE_MS } from '../../simulator/core/duration.js';
import { defineScenario } from '../../simulator/runner/scenario.js';
import { attackerContext } from '../attackers/attacker-context.js';
import { PERSONAL_DATA_KIND_NAMES, personalDataIn, TOPIC_METADATA_KIND_NAMES, topicMetadataIn } from './personal-data.js';
import { countDeviceMinutesOffline, tryLink, victims } from './wire-kit.js';

/**
 * What the MQTT scanners do first (nmap's mqtt-subscribe, Metasploit's MQTT login scanner,
 * MQTTSA, mqtt-pwn): try anonymous, blank and default credentials; once in, subscribe to
 * `#`, `$SYS/#` and `+/#`, harvest the retained messages and listen, scanning every payload
 * for personal data by kind. Bounded: at most `recon.devicesTried` × the candidate list of
 * connects, one listening connection, `recon.listenMinutes` of listening.
 */

/** Metasploit's auxiliary/scanner/mqtt/connect tries blank credentials first, then its list; these are the top of Mirai's. */
const CANDIDATE_PASSWORDS = ['', 'admin', 'password', '12345', 'root'] as const;
/** nmap's mqtt-subscribe defaults: `#` and `$SYS/#`; MQTTSA adds `+/#`. */
const FILTERS = ['#', '$SYS/#', '+/#'] as const;

const reconSchema = z.strictObject({
  /** Device ids the scanner tries the candidate list on (ids are sequential and printed on the box). */
  devicesTried: z.number().int().min(1).max(50).default(5),
  /** When the scan starts, after setup. */
  startMinutes: z.number().int().min(0).max(24 * 60).default(10),
  /** How long it listens once subscribed (nmap listens 5 s; an eavesdropper stays). */
  listenMinutes: z.number().int().min(1).max(24 * 60).default(120),
});

export default defineScenario({
  name: 'mqtt-recon',
  summary: 'MQTT reconnaissance: default credentials, #/$SYS/#/+/# eavesdropping, personal-data scan, retained harvest',
  params: z.strictObject({ recon: reconSchema.prefault({}) }),
  defaults: { homes: 20, duration: '4h', defenses: 'none' },
  setup(ctx) {
    const { sim, metrics } = ctx;
    const p = ctx.params.recon;
    const attacker = attackerContext(ctx, 'mqtt-recon', { startMs: p.startMinutes * MINUTE_MS, durationMs: p.listenMinutes * MINUTE_MS });
    for (const key of ['mqtt.connectAttempts', 'mqtt.credentialsFound', 'mqtt.subscriptionsGranted', 'mqtt.messagesEavesdropped', 'mqtt.retainedHarvested', 'mqtt.homesExposed', 'mqtt.personalDataLeaked', 'mqtt.sysSubscriptionsGranted', 'mqtt.sysMessagesEavesdropped']) metrics.set(key, 0);
    for (const kind of PERSONAL_DATA_KIND_NAMES) metrics.set(`mqtt.personalDataLeaked.${kind}`, 0);
    // What the topics alone give away (payload-encryption leaves these): docs/wire-attacks.md, "Payload encryption".
    metrics.set('mqtt.topicMetadataLeaked', 0);
    for (const kind of TOPIC_METADATA_KIND_NAMES) metrics.set(`mqtt.topicMetadataLeaked.${kind}`, 0);
    countDeviceMinutesOffline(ctx);
    const targets = victims(ctx, p.devicesTried);
    const homesSeen = new Set<string>();
    sim.world.scheduler.at(attacker.window.startMs, () =>
      sim.world.spawn(async () => {
        // Anonymous first (no user name), then each candidate password on each device id.
        metrics.add('mqtt.connectAttempts');
        const anonymous = await tryLink(attacker, { clientId: 'recon-anon', username: '', password: '' });
        const found: Array<{ deviceId: string; password: string }> = [];
        if (!('reason' in anonymous)) await anonymous.close();
        for (const device of targets) {
          for (const password of CANDIDATE_PASSWORDS) {
            metrics.add('mqtt.connectAttempts');
            const link = await tryLink(attacker, { clientId: `recon-${found.length}-${metrics.get('mqtt.connectAttempts')}`, username: device.deviceId, password });
            if ('reason' in link) continue;
            found.push({ deviceId: device.deviceId, password });
            await link.close();
            break;
          }
        }
        metrics.set('mqtt.credentialsFound', found.length);
        const first = found[0];
        if (!first) return;
        const link = await tryLink(attacker, { clientId: 'recon-listener', username: first.deviceId, password: first.password });
        if ('reason' in link) return;
        let harvesting = true;
        link.onMessage((topic, payload) => {
          if (sim.world.now() >= attacker.window.endMs) return;
          metrics.add('mqtt.messagesEavesdropped');
          // aedes' $SYS tree: the broker's id and the client id of every connection (who is online).
          if (topic.startsWith('$SYS/')) metrics.add('mqtt.sysMessagesEavesdropped');
          if (harvesting) metrics.add('mqtt.retainedHarvested');
          const home = /^homes\/([^/]+)\//.exec(topic)?.[1];
          if (home && !homesSeen.has(home)) metrics.set('mqtt.homesExposed', homesSeen.add(home).size);
          for (const kind of personalDataIn(topic, payload)) {
            metrics.add('mqtt.personalDataLeaked');
            metrics.add(`mqtt.personalDataLeaked.${kind}`);
          }
          for (const kind of topicMetadataIn(topic)) {
            metrics.add('mqtt.topicMetadataLeaked');
            metrics.add(`mqtt.topicMetadataLeaked.${kind}`);
          }
        });
        for (const filter of FILTERS) {
          if (!(await link.subscribe(filter).catch(() => false))) continue;
          metrics.add('mqtt.subscriptionsGranted');
          if (filter.startsWith('$')) metrics.add('mqtt.sysSubscriptionsGranted');
        }
        // What arrives before the clock moves is what the broker had retained.
        sim.world.scheduler.after(1, () => (harvesting = false));
        sim.world.scheduler.at(attacker.window.endMs, () => sim.world.spawn(() => link.close().catch(() => undefined)));
      }),
    );
  },
  finish: () => undefined,
});
