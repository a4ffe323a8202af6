import { z } from 'zod';
import { commandGateFor } from '../../devices/command-gate.js';
import type { BrokerPolicy } from '../broker/policy.js';
import { CommandKeys, CommandVerifier, signCommand, type SignatureRefusal } from '../broker/command-signature.js';
import { parseDeviceTopic } from '../broker/topics.js';
import { DAY_MS } from '../core/duration.js';
import { defineDefense } from './defense.js';
import { count } from './fields.js';

/**
 * Commands carry a MAC with a nonce and a timestamp (simulator/broker/command-signature.ts):
 * the cloud signs each owner's command as it relays it, with the device's own key, and the
 * device obeys only a command whose MAC checks, whose timestamp is within `windowMs` of its
 * clock and whose nonce it has not seen in that window. A captured command replayed later is
 * stale; replayed at once, its nonce is known; altered, its MAC fails. The cost is honest
 * commands that arrive later than the window (a slow or congested link: faults.delayMs).
 * Off unless named; `mqtt-hardened` has it.
 */

/**
 * 30 s: Kerberos' default clock-skew allowance is 5 minutes (RFC 4120 §1.6), far longer than a
 * command needs; OCF's and AWS IoT's signed-request windows are tens of seconds to minutes.
 * An app command crosses the cloud in well under a second, so 30 s leaves room for a slow
 * link and still stops a replay more than half a minute after capture.
 */
export const DEFAULT_REPLAY_WINDOW_MS = 30_000;

export const signedCommands = defineDefense({
  name: 'signed-commands',
  layer: 'broker',
  models:
    'NIST SP 800-63B §5.2.8 (replay resistance), IEC 62443-3-3 SR 3.1 (communication integrity), ETSI EN 303 645 provision 5.5-2 and OWASP ISVS V3 (authenticated, replay-protected messages): HMAC-SHA256 over home, device, command, nonce and timestamp with a per-device key',
  schema: z.strictObject({
    /** How far a command's timestamp may be from the device's clock, either way. */
    windowMs: count(1, DAY_MS),
  }),
  defaults: { windowMs: DEFAULT_REPLAY_WINDOW_MS },
  detects: [{ event: 'device.command-rejected', metric: 'detections.commandsRejected' }],
  create(env, params) {
    const keys = new CommandKeys(env.world);
    let signed = 0;
    const refused: Record<SignatureRefusal, number> = { unsigned: 0, 'bad-mac': 0, stale: 0, 'replayed-nonce': 0 };
    const broker: BrokerPolicy = {
      name: 'signed-commands',
      sealCommand(topic, command) {
        const parsed = parseDeviceTopic(topic);
        if (!parsed) return command;
        signed++;
        return signCommand(keys, parsed.homeId, parsed.deviceId, command, env.world.now());
      },
    };
    // The device's half: each device checks with the key it was provisioned with.
    const verifiers = new Map<string, CommandVerifier>();
    const chokePoint = env.broker;
    commandGateFor(env.world).checks.push((device, command, nowMs) => {
      // Devices check only while the cloud signs: unplugged (a classroom toggle), both halves stop.
      if (chokePoint && !chokePoint.policies.includes(broker)) return undefined;
      let verifier = verifiers.get(device.deviceId);
      if (!verifier) verifiers.set(device.deviceId, (verifier = new CommandVerifier(keys.keyOf(device.deviceId), device.homeId, device.deviceId, params.windowMs)));
      const refusal = verifier.check(command, nowMs);
      if (refusal) refused[refusal]++;
      return refusal;
    });
    return {
      name: 'signed-commands',
      broker,
      stats: () => ({ signed, unsigned: refused.unsigned, badMac: refused['bad-mac'], stale: refused.stale, replayedNonce: refused['replayed-nonce'] }),
    };
  },
});
