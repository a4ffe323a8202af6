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
    return this.inner.publish(topic, this.holds(topic) ? this.cipher.seal(topic, payload) : payload, options);
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
      const plaintext = this.cipher.open(topic, payload);
      if (plaintext === undefined) {
        if (!payload.startsWith(SEALED_PREFIX)) this.cipher.plaintextRefused++;
        return;
      }
      handler(topic, plaintext);
    });
  }

  onClose(handler: () => void): void {
    this.inner.onClose(handler);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The link sealed for these homes when the world has payload-encryption; the link itself otherwise. */
export function sealedFor(world: World, homes: readonly string[] | 'all', link: Link): Link {
  const cipher = payloadCipherOf(world);
  if (!cipher) return link;
  return new SealedLink(link, cipher, homes === 'all' ? undefined : new Set(homes));
}

/** A last will as its device would seal it (the broker sends it unchanged). */
export function sealedWill(world: World, will: LinkCredentials['will']): LinkCredentials['will'] {
  const cipher = payloadCipherOf(world);
  return cipher && will ? { ...will, payload: cipher.seal(will.topic, will.payload) } : will;
}
