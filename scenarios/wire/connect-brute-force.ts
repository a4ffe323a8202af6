import { z } from 'zod';
import { FACTORY_DEFAULT_DEVICE_PASSWORD } from '../../simulator/broker/principal-resolver.js';
import { MINUTE_MS } from '../../simulator/core/duration.js';
import { defineScenario } from '../../simulator/runner/scenario.js';
import { attackerContext } from '../attackers/attacker-context.js';
import { countDeviceMinutesOffline, tryLink, victims } from './wire-kit.js';

/**
 * mqtt-pwn's and MQTTSA's brute force at the broker: CONNECT after CONNECT with one device id
 * and a guessed password, for each of `guessing.devices` doorbells, `guessing.guessesPerDevice`
 * guesses each, at `guessing.perMinute`. The list opens with the factory defaults every scanner
 * carries (the vendor's among them), then seeded random guesses of the device secret's shape
 * (32 hex digits), which never hit a 128-bit secret. Bounded: devices × guesses ≤ 50 × 1,000
 * connects, one at a time.
 */
const bruteSchema = z.strictObject({
  devices: z.number().int().min(1).max(50).default(3),
  guessesPerDevice: z.number().int().min(1).max(1000).default(50),
  perMinute: z.number().int().min(1).max(600).default(60),
  startMinutes: z.number().int().min(0).max(24 * 60).default(10),
});

/** Mirai's first few, with the vendor's default among them (position 3, as it is in the field list). */
const DEFAULT_GUESSES = ['root', '12345', FACTORY_DEFAULT_DEVICE_PASSWORD, 'password', 'xc3511', 'vizxv', '888888'];

export default defineScenario({
  name: 'connect-brute-force',
  summary: 'Guesses device passwords at the broker, CONNECT by CONNECT: the factory defaults first, then random secrets',
  params: z.strictObject({ guessing: bruteSchema.prefault({}) }),
  defaults: { homes: 20, duration: '4h', defenses: 'none' },
  setup(ctx) {
    const { sim, metrics } = ctx;
    const p = ctx.params.guessing;
    const attacker = attackerContext(ctx, 'connect-brute-force', { startMs: p.startMinutes * MINUTE_MS, durationMs: 0 });
    for (const key of ['mqtt.connectAttempts', 'mqtt.credentialsFound', 'mqtt.guessesToFirstCredential']) metrics.set(key, 0);
    countDeviceMinutesOffline(ctx);
    const random = attacker.rng('guesses');
    // Every draw here, before any connect: async completions cannot shift them.
    const plan = victims(ctx, p.devices).map((device) => ({
      device,
      guesses: Array.from({ length: p.guessesPerDevice }, (_, i) => DEFAULT_GUESSES[i] ?? random.hex(16)),
    }));
    const gapMs = MINUTE_MS / p.perMinute;
    let at = attacker.window.startMs;
    for (const { device, guesses } of plan) {
      let found = false;
      guesses.forEach((password, i) => {
        const when = at + i * gapMs;
        if (when >= attacker.window.endMs) return;
        sim.world.scheduler.at(when, () => {
          if (found) return;
          sim.world.spawn(async () => {
            metrics.add('mqtt.connectAttempts');
            const link = await tryLink(attacker, { clientId: `brute-${device.deviceId}-${i}`, username: device.deviceId, password });
            if ('reason' in link || found) return;
            found = true;
            metrics.add('mqtt.credentialsFound');
            if (metrics.get('mqtt.guessesToFirstCredential') === 0) metrics.set('mqtt.guessesToFirstCredential', metrics.get('mqtt.connectAttempts'));
            await link.close();
          });
        });
      });
      at += guesses.length * gapMs;
    }
  },
});
