import { z } from 'zod';
import { FACTORY_DEFAULT_DEVICE_PASSWORD } from '../../simulator/broker/principal-resolver.js';
import { deviceTopic } from '../../simulator/broker/topics.js';
import { MINUTE_MS } from '../../simulator/core/duration.js';
import { defineScenario } from '../../simulator/runner/scenario.js';
import { attackerContext } from '../attackers/attacker-context.js';
import { countDeviceMinutesOffline, tryLink, victims } from './wire-kit.js';

/**
 * A shared factory-default device credential (the password in every box's manual) lets
 * anyone speak as any doorbell: the attacker publishes forged motion, a forged retained
 * "offline" status and forged clip announcements under each victim's id. What is measured is
 * what the cloud accepts: forged clips its recording service stores as the victim's
 * (`mqtt.forgedEventsAccepted`), beside the forgeries sent (`mqtt.forgedPublished`). Bounded: `impersonation.devices` victims × `impersonation.forgeriesPerDevice` rounds.
 */
const impersonationSchema = z.strictObject({
  devices: z.number().int().min(1).max(50).default(5),
  forgeriesPerDevice: z.number().int().min(1).max(100).default(10),
  startMinutes: z.number().int().min(0).max(24 * 60).default(10),
  /** Minutes between two rounds of forgeries. */
  everyMinutes: z.number().int().min(1).max(24 * 60).default(5),
});

/** Forged clips carry this prefix, so the cloud's store can be searched for them afterwards. */
const FORGED_CLIP_PREFIX = 'forged-';

export default defineScenario({
  name: 'device-impersonation',
  summary: 'A shared factory-default device credential forges motion, "offline" and clips; counts what the cloud accepts',
  params: z.strictObject({ impersonation: impersonationSchema.prefault({}) }),
  defaults: { homes: 20, duration: '4h', defenses: 'none' },
  setup(ctx) {
    const { sim, metrics } = ctx;
    const p = ctx.params.impersonation;
    const attacker = attackerContext(ctx, 'device-impersonation', { startMs: p.startMinutes * MINUTE_MS, durationMs: 0 });
    for (const key of ['mqtt.connectAttempts', 'mqtt.credentialsFound', 'mqtt.forgedPublished', 'mqtt.forgedEventsAccepted']) metrics.set(key, 0);
    countDeviceMinutesOffline(ctx);
    for (const device of victims(ctx, p.devices)) {
      sim.world.scheduler.at(attacker.window.startMs, () =>
        sim.world.spawn(async () => {
          metrics.add('mqtt.connectAttempts');
          // Its own client id, so the real doorbell stays connected and the forgeries sit beside its traffic.
          const link = await tryLink(attacker, { clientId: `${device.deviceId}-twin`, username: device.deviceId, password: FACTORY_DEFAULT_DEVICE_PASSWORD });
          if ('reason' in link) return;
          metrics.add('mqtt.credentialsFound');
          let round = 0;
          const forge = () => {
            if (!link.connected || sim.world.now() >= attacker.window.endMs) return;
            round++;
            const at = sim.world.now();
            const forgeries: Array<[string, string, boolean]> = [
              [deviceTopic(device.homeId, device.deviceId, 'events'), `{"type":"motion","at":${at}}`, false],
              [deviceTopic(device.homeId, device.deviceId, 'status'), '{"online":false}', true],
              [deviceTopic(device.homeId, device.deviceId, 'media'), `{"type":"recording","clipId":"${FORGED_CLIP_PREFIX}${device.deviceId}-${round}","durationS":30,"capturedAtMs":${at}}`, false],
            ];
            for (const [topic, payload, retain] of forgeries) {
              metrics.add('mqtt.forgedPublished');
              link.publish(topic, payload, { retain });
            }
            if (round < p.forgeriesPerDevice) sim.world.scheduler.after(p.everyMinutes * MINUTE_MS, forge);
            else sim.world.spawn(() => link.close().catch(() => undefined));
          };
          forge();
        }),
      );
    }
  },
  finish({ sim }) {
    let forged = 0;
    for (const home of sim.town.homes) forged += sim.cloud.recordings.inHome(home.homeId).filter((r) => r.clipId.startsWith(FORGED_CLIP_PREFIX)).length;
    return { 'mqtt.forgedEventsAccepted': forged };
  },
});
