import type { Principal as SessionHolder } from '../cloud/sessions.js';

/** Who an MQTT connection speaks for, decided once at CONNECT by the authenticate hook. */
export type BrokerPrincipal =
  | { readonly kind: 'device'; readonly deviceId: string; readonly homeId: string }
  | { readonly kind: 'account'; readonly accountId: string; readonly token: string; readonly sessionId: string; readonly heldBy: SessionHolder }
  | { readonly kind: 'service'; readonly name: string };

export function describePrincipal(p: BrokerPrincipal): string {
  switch (p.kind) {
    case 'device':
      return `device:${p.deviceId}`;
    case 'account':
      return `account:${p.accountId}`;
    case 'service':
      return `service:${p.name}`;
  }
}

/** Same principal, for client-id ownership: a device, an account or a service. */
export function samePrincipal(a: BrokerPrincipal, b: BrokerPrincipal): boolean {
  return describePrincipal(a) === describePrincipal(b);
}
