import type { BrokerPolicy, HomeLookup } from './policy.js';
import type { BrokerPrincipal } from './principal.js';
import { DEVICE_PUBLISH_CHANNELS, deviceTopic, filterStaysInHome, homeOfTopic, parseDeviceTopicCached } from './topics.js';

/**
 * Tenant isolation on the topic scheme (OWASP ASVS 8.2.2 / IoT Top 10 I3): a device touches only its
 * own subtree, an account only homes/{its homes}/..., and only by filters that cannot cross
 * into another home. Anything else is refused (SUBACK 0x80), never narrowed.
 */
export class TenantAcl implements BrokerPolicy {
  readonly name = 'tenant-acl';

  constructor(private readonly homesOf: HomeLookup) {}

  /** Each device's own subtree prefix, built once: device telemetry is the hot path. */
  private readonly devicePrefixes = new WeakMap<BrokerPrincipal, string>();
  private lastDevice: BrokerPrincipal | undefined;
  private lastPrefix = '';

  authorizePublish(principal: BrokerPrincipal, topic: string): string | undefined {
    if (principal.kind === 'service') return undefined;
    if (principal.kind === 'device') {
      // A device publishes its event and its clip back to back: remember the last prefix.
      let prefix = principal === this.lastDevice ? this.lastPrefix : this.devicePrefixes.get(principal);
      if (prefix === undefined) this.devicePrefixes.set(principal, (prefix = `homes/${principal.homeId}/devices/${principal.deviceId}/`));
      this.lastDevice = principal;
      this.lastPrefix = prefix;
      if (!topic.startsWith(prefix)) return `device may publish only in its own subtree`;
      const channel = topic.slice(prefix.length);
      return (DEVICE_PUBLISH_CHANNELS as readonly string[]).includes(channel) ? undefined : `device may not publish on ${channel}`;
    }
    if (principal.kind === 'observer') return 'observers are read-only';
    const parsed = parseDeviceTopicCached(topic);
    if (!parsed) return `topic outside the scheme: ${topic}`;
    if (parsed.channel !== 'commands') return `apps publish only commands`;
    return this.homesOf(principal.accountId).includes(parsed.homeId) ? undefined : `home ${parsed.homeId} is not this account's`;
  }

  authorizeSubscribe(principal: BrokerPrincipal, filter: string): string | undefined {
    if (principal.kind === 'service') return undefined;
    if (principal.kind === 'device') {
      return filter === deviceTopic(principal.homeId, principal.deviceId, 'commands') ? undefined : `device may subscribe only to its commands`;
    }
    // The observer reads the whole town (observer-access.ts); the broker decides it before any policy.
    if (principal.kind === 'observer') return undefined;
    for (const homeId of this.homesOf(principal.accountId)) {
      if (filterStaysInHome(filter, homeId)) return undefined;
    }
    return `filter may reach beyond this account's homes: ${filter}`;
  }

  authorizeForward(principal: BrokerPrincipal, topic: string): boolean {
    if (principal.kind === 'service') return true;
    if (principal.kind === 'device') return topic === deviceTopic(principal.homeId, principal.deviceId, 'commands');
    if (principal.kind === 'observer') return true;
    const homeId = homeOfTopic(topic);
    return homeId !== undefined && this.homesOf(principal.accountId).includes(homeId);
  }
}
