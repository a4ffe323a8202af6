import { describe, expect, it } from 'vitest';
import { commandGateFor, judgeCommand } from '../../devices/command-gate.js';
import { payloadCipherOf } from '../../simulator/broker/payload-cipher.js';
import type { BrokerPolicy } from '../../simulator/broker/policy.js';
import type { DeviceRecord } from '../../simulator/cloud/device-registry.js';
import { World } from '../../simulator/core/world.js';
import type { DefenseEnv } from '../../simulator/defenses/defense.js';
import { payloadEncryption } from '../../simulator/defenses/payload-encryption.js';
import { signedCommands } from '../../simulator/defenses/signed-commands.js';

const DEVICE: DeviceRecord = { deviceId: 'd1', homeId: 'h1', kind: 'doorbell', credential: 'x', firmware: '1' };
const TOPIC = 'homes/h1/devices/d1/commands';

/** The classroom unplugs a broker defence by taking its policy out of the broker's list (toggle.ts): the device half must follow. */
describe('unplugged, both halves of a command defence stop together', () => {
  it('signed-commands: devices refuse unsigned commands only while the cloud signs', () => {
    const world = new World({ seed: 1 });
    const policies: BrokerPolicy[] = [];
    const defense = signedCommands.create({ world, broker: { policies } } as unknown as DefenseEnv, { windowMs: 30_000 });
    policies.push(defense.broker!);
    const gate = commandGateFor(world);
    const unsigned = { cmd: 'talk', message: 'hi', from: { accountId: 'a', sessionId: 's' } };
    expect(judgeCommand(gate, DEVICE, JSON.stringify(unsigned), unsigned, 0)).toBe('unsigned');
    const signed = defense.broker!.sealCommand!(TOPIC, unsigned);
    expect(judgeCommand(gate, DEVICE, JSON.stringify(signed), signed, 1_000)).toBeUndefined();
    policies.length = 0;
    expect(judgeCommand(gate, DEVICE, JSON.stringify(unsigned), unsigned, 2_000)).toBeUndefined();
  });

  it('payload-encryption: a key holder seals while plugged in, plaintext again once unplugged', () => {
    const world = new World({ seed: 1 });
    const policies: BrokerPolicy[] = [];
    const defense = payloadEncryption.create({ world, broker: { policies } } as unknown as DefenseEnv, {});
    policies.push(defense.broker!);
    const cipher = payloadCipherOf(world)!;
    cipher.holders.add('d1');
    expect(defense.broker!.sealPayload!(TOPIC, '{"cmd":"talk"}')).not.toContain('talk');
    expect(defense.broker!.sealPayload!('homes/h1/devices/d9/commands', '{"cmd":"talk"}')).toBe('{"cmd":"talk"}'); // d9 does not seal
    policies.length = 0;
    expect(defense.broker!.sealPayload!(TOPIC, '{"cmd":"talk"}')).toBe('{"cmd":"talk"}');
  });
});
