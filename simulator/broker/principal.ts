import type { Principal } from '../core/principals.js';

/**
 * Who an MQTT connection speaks for, decided once at CONNECT by the authenticate hook. An
 * account connection carries the ground truth of its session, `heldBy` (a principal from
 * core/principals.ts: the owner, a shared user, an attacker, staff…), for metrics only; the
 * ACL and every hook decide by kind and ids, never by it.
 */
export type BrokerPrincipal =
  | { readonly kind: 'device'; readonly deviceId: string; readonly homeId: string }
  | { readonly kind: 'account'; readonly accountId: string; readonly token: string; readonly sessionId: string; readonly heldBy: Principal }
  | { readonly kind: 'service'; readonly name: string }
  /** The classroom dashboard: reads every home, publishes nothing (observer-access.ts). */
  | { readonly kind: 'observer'; readonly name: string };

export function describePrincipal(p: BrokerPrincipal): string {
  switch (p.kind) {
    case 'device':
      return `device:${p.deviceId}`;
    case 'account':
      return `account:${p.accountId}`;
    case 'service':
      return `service:${p.name}`;
    case 'observer':
      return `observer:${p.name}`;
  }
}

/** Same principal, for client-id ownership: a device, an account or a service. */
export function samePrincipal(a: BrokerPrincipal, b: BrokerPrincipal): boolean {
  return describePrincipal(a) === describePrincipal(b);
}
