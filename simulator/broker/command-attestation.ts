import type { BrokerPrincipal } from './principal.js';

/**
 * Commands from an account are stamped with who sent them ({accountId, sessionId}), as a
 * vendor cloud relays app commands: the device logs every command it obeys with that
 * sender, and a sender cannot claim to be someone else (any `from` it wrote is replaced).
 */
export function attestCommand(principal: BrokerPrincipal, topic: string, payload: string): string | undefined {
  if (principal.kind !== 'account' || !topic.endsWith('/commands')) return undefined;
  let command: unknown;
  try {
    command = JSON.parse(payload);
  } catch {
    return undefined; // not JSON: the device will ignore it, nothing to attest
  }
  if (typeof command !== 'object' || command === null || Array.isArray(command)) return undefined;
  return JSON.stringify({ ...command, from: { accountId: principal.accountId, sessionId: principal.sessionId } });
}
