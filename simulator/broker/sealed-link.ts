import type { World } from '../core/world.js';
import type { Link, LinkCredentials, MessageHandler } from './link.js';
import { payloadCipherOf, SEALED_PREFIX, type HomePayloadCipher } from './payload-cipher.js';

/**
 * A key holder's link under payload-encryption (payload-cipher.ts): what it publishes on
 * its homes' device topics leaves sealed, what arrives on them is opened, and anything on
 * them that does not open — plaintext, another key's ciphertext, an altered one — is dropped
 * (AES-GCM authenticates: an attacker without the key can no longer inject). Topics of homes
 * it holds no key for are passed as they are. The actor never knows: same Link contract.
 */
export class SealedLink implements Link {
  constructor(
    private readonly inner: Link,
    private readonly cipher: HomePayloadCipher,
    /** The homes whose keys this endpoint holds; undefined: every home (the vendor's cloud). */
    private readonly homes: ReadonlySet<string> | undefined,
  ) {}

  private holds(topic: string): boolean {
    const homeId = this.cipher.homeOf(topic);
    return homeId !== undefined && (this.homes === undefined || this.homes.has(homeId));
  }

  get clientId(): string {
    return this.inner.clientId;
  }

  get connected(): boolean {
    return this.inner.connected;
  }

  publish(topic: string, payload: string, options?: { retain?: boolean }): boolean {
    return this.inner.publish(topic, this.holds(topic) && this.cipher.sealsTopic(topic) ? this.cipher.seal(topic, payload) : payload, options);
  }

  subscribe(filter: string): Promise<boolean> {
    return this.inner.subscribe(filter);
  }

  unsubscribe(filter: string): Promise<void> {
    return this.inner.unsubscribe(filter);
  }

  onMessage(handler: MessageHandler): void {
    this.inner.onMessage((topic, payload) => {
      if (!this.holds(topic)) return handler(topic, payload);
      if (!payload.startsWith(SEALED_PREFIX)) {
        // Plaintext is expected only from a device that does not seal (or with the defence unplugged).
        if (this.cipher.sealsTopic(topic)) {
          this.cipher.plaintextRefused++;
          return;
        }
        return handler(topic, payload);
      }
      const plaintext = this.cipher.open(topic, payload);
      if (plaintext !== undefined) handler(topic, plaintext);
    });
  }

  onClose(handler: () => void): void {
    this.inner.onClose(handler);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * The link sealed for these homes when the world has payload-encryption; the link itself
 * otherwise. `device`: the device this link is (it becomes a key holder, its traffic sealed).
 */
export function sealedFor(world: World, homes: readonly string[] | 'all', link: Link, device?: string): Link {
  const cipher = payloadCipherOf(world);
  if (!cipher) return link;
  if (device !== undefined) cipher.holders.add(device);
  return new SealedLink(link, cipher, homes === 'all' ? undefined : new Set(homes));
}

/** A device's last will as it would seal it (the broker sends it unchanged); call before sealedFor's `device` registration is needed: it registers too. */
export function sealedWill(world: World, device: string, will: LinkCredentials['will']): LinkCredentials['will'] {
  const cipher = payloadCipherOf(world);
  if (!cipher || !will || !cipher.isActive()) return will;
  cipher.holders.add(device);
  return { ...will, payload: cipher.seal(will.topic, will.payload) };
}
