import { z } from 'zod';
import { MINUTE_MS } from '../../simulator/core/duration.js';
import { defineScenario } from '../../simulator/runner/scenario.js';
import { attackerContext } from '../attackers/attacker-context.js';
import { countDeviceMinutesOffline, tryLink, victims } from './wire-kit.js';

/**
 * A customer with an account of its own connects under each victim doorbell's client id.
 * MQTT-3.1.4-2 says the broker closes the existing connection with that id, so without the
 * client-id-binding defence every victim drops off the broker (the doorbell does not
 * reconnect by itself: it is offline until power-cycled). Then the aedes #597 trick: a
 * PUBLISH on `$SYS/<brokerId>/new/clients` naming a victim, which old aedes versions took as
 * "a client with this id connected elsewhere" and kicked it. Measured: the victims'
 * device-minutes offline, and the spoofs sent and refused (the broker refuses every `$`
 * PUBLISH from a client at every profile, as aedes 1.x does: the #597 hole stays closed). Bounded:
 * `takeoverIds.devices` connects and as many spoof publishes.
 */
const takeoverSchema = z.strictObject({
  devices: z.number().int().min(1).max(50).default(5),
  startMinutes: z.number().int().min(0).max(24 * 60).default(10),
});

export default defineScenario({
  name: 'client-id-takeover',
  summary: "Reuses devices' client ids to knock them offline, and tries aedes #597's $SYS/<id>/new/clients spoof",
  params: z.strictObject({ takeoverIds: takeoverSchema.prefault({}) }),
  defaults: { homes: 20, duration: '4h', defenses: 'none' },
  setup(ctx) {
    const { sim, metrics } = ctx;
    const p = ctx.params.takeoverIds;
    const attacker = attackerContext(ctx, 'client-id-takeover', { startMs: p.startMinutes * MINUTE_MS, durationMs: 0 });
    for (const key of ['mqtt.connectAttempts', 'mqtt.clientIdsTaken', 'mqtt.sysSpoofsSent']) metrics.set(key, 0);
    // QoS 0 has no answer: the broker's refusals are read from the log (a refused PUBLISH closes the connection).
    sim.recorder.count('broker.publish-refused', 'mqtt.sysSpoofsRefused', (e) => e.topic.startsWith('$SYS/'));
    countDeviceMinutesOffline(ctx);
    const targets = victims(ctx, p.devices);
    sim.world.scheduler.at(attacker.window.startMs, () =>
      sim.world.spawn(async () => {
        // The attacker's own account and session, as any customer has: no stolen credential.
        const account = sim.cloud.accounts.create({ id: 'wire-attacker', email: 'wire-attacker@attacker.example', password: 'unused-by-this-attack', homeIds: [], nowMs: sim.world.now() });
        const session = sim.cloud.sessions.mint(account, { ip: '203.0.113.7', clientFingerprint: 'mqtt-cli', heldBy: 'attacker' });
        for (const device of targets) {
          metrics.add('mqtt.connectAttempts');
          const link = await tryLink(attacker, { clientId: device.deviceId, username: account.email, password: session.token });
          if ('reason' in link) continue;
          metrics.add('mqtt.clientIdsTaken');
          // Holding the id is enough; leaving keeps the doorbell down just the same.
          await link.close();
        }
        metrics.add('mqtt.connectAttempts');
        const spoofer = await tryLink(attacker, { clientId: 'sys-spoofer', username: account.email, password: session.token });
        if ('reason' in spoofer) return;
        for (const device of targets) {
          metrics.add('mqtt.sysSpoofsSent');
          spoofer.publish('$SYS/smarthome-sim/new/clients', device.deviceId);
        }
        await spoofer.close().catch(() => undefined);
      }),
    );
  },
});
