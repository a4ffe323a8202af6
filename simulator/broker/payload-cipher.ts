import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { World } from '../core/world.js';
import { parseDeviceTopicCached } from './topics.js';

/**
 * Per-home payload encryption: every payload on a home's device topics is AES-256-GCM under
 * that home's key, with the topic as additional authenticated data (a ciphertext moved to
 * another topic fails). Who holds a home's key: its devices (provisioned at set-up), its
 * members' apps (handed over with the session), and the vendor's cloud (ingest, the broker's
 * command attestation). Who does not: any other MQTT client, whatever it may subscribe to
 * — an eavesdropper on `#` sees ciphertext, and the topic names alone.
 *
 * Keys: 256 bits per home from the world's secret source, each from its own seeded stream.
 * IVs: 96-bit counters per key, the deterministic construction of NIST SP 800-38D §8.2.1
 * (never repeated under one key). One counter per home is shared by every sender in the
 * process, which is what keeps them unique here; separate real senders would each take a
 * fixed field of the IV (the device id, the app instance) as §8.2.1 says.
 */

/** Wire form: the prefix, then base64 of IV ‖ tag ‖ ciphertext. */
export const SEALED_PREFIX = 'aes256gcm:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class HomePayloadCipher {
  private readonly keys = new Map<string, Buffer>();
  private readonly counters = new Map<string, bigint>();
  sealed = 0;
  opened = 0;
  /** Ciphertexts that failed authentication (altered, wrong key, moved to another topic). */
  authFailures = 0;

  /**
   * Devices whose links seal (their actor connected while the defence was on). Only their
   * traffic is expected sealed: a device connected before a classroom toggle switched the
   * defence on keeps speaking plaintext, and is answered in plaintext.
   */
  readonly holders = new Set<string>();
  /** Whether the defence is plugged in now (the classroom can unplug it; demo toggles). */
  isActive: () => boolean = () => true;

  constructor(private readonly world: World) {}

  /** Whether traffic on this device topic is to be sealed now: the defence on and the device a key holder. */
  sealsTopic(topic: string): boolean {
    const device = parseDeviceTopicCached(topic)?.deviceId;
    return device !== undefined && this.holders.has(device) && this.isActive();
  }

  private keyOf(homeId: string): Buffer {
    let key = this.keys.get(homeId);
    if (!key) this.keys.set(homeId, (key = Buffer.from(this.world.secrets.hex(this.world.rng(`payload-encryption/key/${homeId}`), 32), 'hex')));
    return key;
  }

  private nextIv(homeId: string): Buffer {
    const n = (this.counters.get(homeId) ?? 0n) + 1n;
    this.counters.set(homeId, n);
    const iv = Buffer.alloc(IV_BYTES);
    iv.writeBigUInt64BE(n, IV_BYTES - 8);
    return iv;
  }

  /** The home a topic belongs to, if it is a device topic (the only ones sealed). */
  homeOf(topic: string): string | undefined {
    return parseDeviceTopicCached(topic)?.homeId;
  }

  seal(topic: string, plaintext: string): string {
    const homeId = this.homeOf(topic);
    if (homeId === undefined) return plaintext;
    const iv = this.nextIv(homeId);
    const cipher = createCipheriv('aes-256-gcm', this.keyOf(homeId), iv);
    cipher.setAAD(Buffer.from(topic));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    this.sealed++;
    return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** Plaintext that arrived on a key holder's topic, refused (sealed-link.ts). */
  plaintextRefused = 0;

  /**
   * The plaintext, or undefined if this is not a ciphertext of this topic's home key.
   * `tally` false: a measurement (a scenario's own bookkeeping), not an endpoint's, left out of the counts.
   */
  open(topic: string, payload: string, tally = true): string | undefined {
    const homeId = this.homeOf(topic);
    if (homeId === undefined || !payload.startsWith(SEALED_PREFIX)) return undefined;
    const raw = Buffer.from(payload.slice(SEALED_PREFIX.length), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) return this.failed(tally);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.keyOf(homeId), raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(topic));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      if (tally) this.opened++;
      return text;
    } catch {
      return this.failed(tally);
    }
  }

  private failed(tally: boolean): undefined {
    if (tally) this.authFailures++;
    return undefined;
  }
}

const ciphers = new WeakMap<World, HomePayloadCipher>();

/** Installed by the payload-encryption defence; endpoints that hold keys look it up. */
export function installPayloadCipher(world: World): HomePayloadCipher {
  const cipher = new HomePayloadCipher(world);
  ciphers.set(world, cipher);
  return cipher;
}

export function payloadCipherOf(world: World): HomePayloadCipher | undefined {
  return ciphers.get(world);
}
