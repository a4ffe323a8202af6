import { createHmac, timingSafeEqual } from 'node:crypto';
import type { World } from '../core/world.js';
import type { SeededRandom } from '../core/random.js';

/**
 * Signed commands: the cloud, relaying an owner's command, adds `sig` = { nonce, tsMs, mac }
 * where mac = HMAC-SHA256(device key, home ‖ device ‖ command ‖ nonce ‖ tsMs) over the
 * command as relayed (its `from` included). The device recomputes the MAC with its own key
 * and refuses a bad MAC, a timestamp outside ±windowMs of its clock, and a nonce it has seen
 * within the window — the replay resistance of NIST SP 800-63B §5.2.8, IEC 62443-3-3 SR 3.1
 * (communication integrity) and ETSI EN 303 645 provision 5.5-2.
 *
 * Keys: 256 bits per device from the world's secret source (seeded in a simulated run, the
 * OS CSPRNG behind a live listener), each from its own stream, so the order devices are first
 * used in never changes a key. Nonces are public: 96 bits from a seeded stream of their own.
 */

export interface CommandSignature {
  readonly nonce: string;
  readonly tsMs: number;
  readonly mac: string;
}

/** Why a device refused a command (its `device.command-rejected` reason). */
export type SignatureRefusal = 'unsigned' | 'bad-mac' | 'stale' | 'replayed-nonce';

/** Bytes in a MAC's hex: SHA-256's 32. */
const MAC_HEX_LENGTH = 64;

export class CommandKeys {
  private readonly keys = new Map<string, Buffer>();
  private readonly nonces: SeededRandom;

  constructor(private readonly world: World) {
    this.nonces = world.rng('signed-commands/nonces');
  }

  /** The key provisioned into a device at the factory and held by the cloud. */
  keyOf(deviceId: string): Buffer {
    let key = this.keys.get(deviceId);
    if (!key) this.keys.set(deviceId, (key = Buffer.from(this.world.secrets.hex(this.world.rng(`signed-commands/key/${deviceId}`), 32), 'hex')));
    return key;
  }

  nextNonce(): string {
    return this.nonces.hex(12);
  }
}

/** HMAC-SHA256 over the fields, newline-separated (no field can hold a newline: ids are plain levels, the command is JSON). */
export function commandMac(key: Buffer, homeId: string, deviceId: string, commandJson: string, nonce: string, tsMs: number): string {
  return createHmac('sha256', key).update(`${homeId}\n${deviceId}\n${commandJson}\n${nonce}\n${tsMs}`).digest('hex');
}

/** The command with its signature added (the cloud's side). */
export function signCommand(keys: CommandKeys, homeId: string, deviceId: string, command: Record<string, unknown>, nowMs: number): Record<string, unknown> {
  const nonce = keys.nextNonce();
  const mac = commandMac(keys.keyOf(deviceId), homeId, deviceId, JSON.stringify(command), nonce, nowMs);
  return { ...command, sig: { nonce, tsMs: nowMs, mac } };
}

function isSignature(value: unknown): value is CommandSignature {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s.nonce === 'string' && s.nonce.length <= 64 && Number.isSafeInteger(s.tsMs) && typeof s.mac === 'string' && s.mac.length === MAC_HEX_LENGTH;
}

/**
 * A device's side: its key, its replay window and the nonces it saw inside it. The cache
 * holds only nonces of commands whose timestamps are still inside the window, so it is
 * bounded by the commands a device may accept in `windowMs`.
 */
export class CommandVerifier {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly key: Buffer,
    private readonly homeId: string,
    private readonly deviceId: string,
    private readonly windowMs: number,
  ) {}

  /** undefined: obey it; otherwise why not. The nonce is remembered only for a command that passes. */
  check(command: Record<string, unknown>, nowMs: number): SignatureRefusal | undefined {
    const { sig, ...rest } = command;
    if (!isSignature(sig)) return 'unsigned';
    const expected = Buffer.from(commandMac(this.key, this.homeId, this.deviceId, JSON.stringify(rest), sig.nonce, sig.tsMs), 'hex');
    const given = Buffer.from(sig.mac, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad-mac';
    if (Math.abs(nowMs - sig.tsMs) > this.windowMs) return 'stale';
    this.forgetBefore(nowMs - this.windowMs);
    if (this.seen.has(sig.nonce)) return 'replayed-nonce';
    this.seen.set(sig.nonce, sig.tsMs);
    return undefined;
  }

  private forgetBefore(oldestMs: number): void {
    for (const [nonce, tsMs] of this.seen) if (tsMs < oldestMs) this.seen.delete(nonce);
  }

  /** Nonces held now (the property test bounds it). */
  get remembered(): number {
    return this.seen.size;
  }
}
