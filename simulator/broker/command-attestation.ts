import { isJsonObject, parseBoundedJson, type JsonBounds } from './bounded-json.js';
import { SEALED_PREFIX } from './payload-cipher.js';
import type { BrokerPolicy } from './policy.js';
import type { BrokerPrincipal } from './principal.js';

/**
 * Bounds of an owner's command. The largest command a doorbell obeys is a 500-character
 * `talk` (doorbell-commands.ts), a flat object; 16 KiB and depth 8 are generous for that and
 * keep the re-serialisation below (JSON.stringify recurses) trivially small.
 */
export const COMMAND_JSON_BOUNDS: JsonBounds = { maxBytes: 16 * 1024, maxDepth: 8 };

/**
 * What becomes of one publish: `undefined` leaves it as it is (not an account's command, or
 * not JSON: the device ignores it), `payload` replaces it with the attested command, and
 * `refused` says why it must not be delivered at all.
 */
export type Attestation = { payload: string } | { refused: string } | undefined;

/**
 * Commands from an account are stamped with who sent them ({accountId, sessionId}), as a
 * vendor cloud relays app commands: the device logs every command it obeys with that
 * sender, and a sender cannot claim to be someone else (any `from` it wrote is replaced).
 * Never throws: client data beyond COMMAND_JSON_BOUNDS is refused, not re-encoded.
 */
export function attestCommand(principal: BrokerPrincipal, topic: string, payload: string | Uint8Array, policies: readonly BrokerPolicy[] = []): Attestation {
  if (principal.kind !== 'account' || !topic.endsWith('/commands')) return undefined;
  // Under payload-encryption the cloud opens the owner's sealed command with the home's key, and seals what it relays.
  const codec = policies.find((policy) => policy.openPayload && policy.sealPayload);
  // (sealPayload leaves a command to a device that does not seal in plaintext: payload-cipher.ts, holders.)
  let input = payload;
  if (codec) {
    const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
    const opened = codec.openPayload!(topic, text);
    if (opened !== undefined) input = opened;
    else if (text.startsWith(SEALED_PREFIX)) return { refused: 'command does not open under its home key' };
  }
  const parsed = parseBoundedJson(input, COMMAND_JSON_BOUNDS);
  if (!parsed.ok) return parsed.refusal === 'syntax' ? undefined : { refused: `command ${parsed.reason}` };
  if (!isJsonObject(parsed.value)) return undefined;
  // Spread defines own properties (no setters run), and the bounds keep stringify shallow.
  let command: Record<string, unknown> = { ...parsed.value, from: { accountId: principal.accountId, sessionId: principal.sessionId } };
  // Policies that seal the relayed command (signed-commands) run last, over the attested sender too.
  for (const policy of policies) if (policy.sealCommand) command = policy.sealCommand(topic, command);
  const relayed = JSON.stringify(command);
  return { payload: codec ? codec.sealPayload!(topic, relayed) : relayed };
}
