import { z } from 'zod';
import { commandGateFor } from '../../devices/command-gate.js';
import { payloadCipherOf } from '../../simulator/broker/payload-cipher.js';
import { FACTORY_DEFAULT_DEVICE_PASSWORD } from '../../simulator/broker/principal-resolver.js';
import { parseDeviceTopic } from '../../simulator/broker/topics.js';
import { MINUTE_MS, SECOND_MS } from '../../simulator/core/duration.js';
import { InputError } from '../../simulator/runner/input-error.js';
import { defineScenario } from '../../simulator/runner/scenario.js';
import { attackerContext } from '../attackers/attacker-context.js';
import { tryLink, victims } from './wire-kit.js';

/**
 * A captured command replayed later. An eavesdropper who can read a home's command traffic —
 * here through the shared factory-default device credential, which at `mqtt-default` also
 * reads every home's `commands` topics — records the commands owners send (live view, talk,
 * settings) exactly as the cloud relayed them, sender attestation and all, and publishes each
 * again, byte for byte, after seeded delays. What is measured is the device's reaction: a
 * replay it acted on (`mqtt.replaysAccepted`) or refused (`mqtt.replaysRejected`), beside
 * the commands captured. `signed-commands` is the matching defence; its cost is the honest
 * commands devices refuse (`mqtt.honestCommandsRejected`: late delivery, faults.delayMs).
 *
 * Bounded: one capturing connection, at most `replay.maxCaptured` commands captured and
 * `replay.replaysPerCommand` replays of each, each at most `replay.delayMaxSeconds` after
 * its capture, nothing after the run's end.
 */
export const REPLAY_CAPS = { maxCaptured: 100, replaysPerCommand: 10, delaySeconds: 24 * 60 * 60 } as const;

const replaySchema = z.strictObject({
  /** When the eavesdropper connects, after setup. */
  startMinutes: z.number().int().min(0).max(24 * 60).default(5),
  /** Commands it records before it stops listening. */
  maxCaptured: z.number().int().min(1).max(REPLAY_CAPS.maxCaptured).default(10),
  /** Times it replays each captured command. */
  replaysPerCommand: z.number().int().min(1).max(REPLAY_CAPS.replaysPerCommand).default(3),
  /** Each replay waits a seeded uniform delay in [delayMinSeconds, delayMaxSeconds] after the capture. */
  delayMinSeconds: z.number().int().min(0).max(REPLAY_CAPS.delaySeconds).default(60),
  delayMaxSeconds: z.number().int().min(0).max(REPLAY_CAPS.delaySeconds).default(30 * 60),
  /**
   * How often owners open the app in this town (app.opensPerDay): 48, an owner checking the
   * door every half hour on a delivery day, so a short run has commands to capture. An assumption.
   */
  ownerOpensPerDay: z.number().min(0).max(1440).default(48),
});

export type ReplayParams = z.infer<typeof replaySchema>;

const METRICS = ['mqtt.connectAttempts', 'mqtt.credentialsFound', 'mqtt.commandsCaptured', 'mqtt.replaysSent', 'mqtt.replaysAccepted', 'mqtt.replaysRejected', 'mqtt.honestCommandsObeyed', 'mqtt.honestCommandsRejected'] as const;

export default defineScenario({
  name: 'command-replay',
  summary: 'Owners\u2019 commands captured on the wire (shared device credential, commands/#) and replayed later; counts what devices act on',
  params: z.strictObject({ replay: replaySchema.prefault({}) }),
  defaults: { homes: 20, duration: '4h', defenses: 'none' },
  configure({ replay }, world) {
    if (replay.delayMinSeconds > replay.delayMaxSeconds) {
      throw new InputError(`replay.delayMinSeconds (${replay.delayMinSeconds}) must not exceed replay.delayMaxSeconds (${replay.delayMaxSeconds})`);
    }
    return { params: { ...world, app: { ...world.app, opensPerDay: replay.ownerOpensPerDay } } };
  },
  setup(ctx) {
    const { sim, metrics } = ctx;
    const p = ctx.params.replay;
    const attacker = attackerContext(ctx, 'command-replay', { startMs: p.startMinutes * MINUTE_MS, durationMs: 0 });
    const delays = attacker.rng('delays');
    for (const key of METRICS) metrics.set(key, 0);
    // Replays sent and not yet seen by their device, by device and payload: a device cannot
    // tell a byte-identical replay from the original, and neither can this count, so a
    // delivery of those bytes to that device is the replay's while one is pending.
    const pending = new Map<string, Map<string, number>>();
    commandGateFor(sim.world).witnesses.push((device, payload, refusal) => {
      const mine = pending.get(device.deviceId);
      const waiting = mine?.get(payload) ?? 0;
      if (waiting > 0) {
        mine!.set(payload, waiting - 1);
        metrics.add(refusal === undefined ? 'mqtt.replaysAccepted' : 'mqtt.replaysRejected');
      } else metrics.add(refusal === undefined ? 'mqtt.honestCommandsObeyed' : 'mqtt.honestCommandsRejected');
    });
    const [tap] = victims(ctx, 1);
    if (!tap) return;
    sim.world.scheduler.at(attacker.window.startMs, () =>
      sim.world.spawn(async () => {
        metrics.add('mqtt.connectAttempts');
        const link = await tryLink(attacker, { clientId: `${tap.deviceId}-tap`, username: tap.deviceId, password: FACTORY_DEFAULT_DEVICE_PASSWORD });
        if ('reason' in link) return;
        metrics.add('mqtt.credentialsFound');
        let captured = 0;
        // Bytes already recorded per topic: its own replays come back to it (MQTT 3.1.1 has no no-local), and are not new captures.
        const known = new Set<string>();
        link.onMessage((topic, payload) => {
          const target = parseDeviceTopic(topic);
          if (!target || target.channel !== 'commands' || captured >= p.maxCaptured || known.has(`${topic}\n${payload}`)) return;
          known.add(`${topic}\n${payload}`);
          captured++;
          metrics.add('mqtt.commandsCaptured');
          // What the device will see of these bytes (opened, under payload-encryption): the count's key, never the attacker's knowledge.
          const delivered = payloadCipherOf(sim.world)?.open(topic, payload, false) ?? payload;
          for (let i = 0; i < p.replaysPerCommand; i++) {
            const at = sim.world.now() + delays.int(p.delayMinSeconds, p.delayMaxSeconds) * SECOND_MS;
            if (at >= attacker.window.endMs) continue;
            sim.world.scheduler.at(at, () => {
              if (!link.connected) return;
              const mine = pending.get(target.deviceId) ?? new Map<string, number>();
              pending.set(target.deviceId, mine.set(delivered, (mine.get(delivered) ?? 0) + 1));
              metrics.add('mqtt.replaysSent');
              link.publish(topic, payload);
            });
          }
        });
        // The tenant ACL refuses this filter to a device; at mqtt-default it is granted across every home.
        await link.subscribe('homes/+/devices/+/commands').catch(() => false);
        sim.world.scheduler.at(attacker.window.endMs - 1, () => sim.world.spawn(() => link.close().catch(() => undefined)));
      }),
    );
  },
  finish: () => undefined,
});
