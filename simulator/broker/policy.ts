import type { BrokerPrincipal } from './principal.js';
import type { ConnectFacts, Refusal } from './principal-resolver.js';

/**
 * A broker-side defence (topic ACLs today; later issues add more). Every registered policy
 * must allow an action for it to happen. Returning a string refuses, with the reason that
 * is logged; undefined allows.
 */
export interface BrokerPolicy {
  readonly name: string;
  /**
   * At CONNECT, before any credential is looked at (the aedes `preConnect` hook's place):
   * a refusal (logged, CONNACK code) or undefined. Sees every attempt, good password or not.
   */
  beforeConnect?(attempt: ConnectAttempt): Refusal | undefined;
  /**
   * Once a CONNECT is accepted: close the connection after this long (ms of the world's
   * clock) with no packet from the client, or undefined for no such bound (max-keepalive;
   * simulator/broker/silence-watch.ts). Asked for in-process streams only: aedes runs the
   * live sockets' keepalive on its own wall-clock timer.
   */
  silenceLimitMs?(attempt: ConnectAttempt): number | undefined;
  /** Bounds on the byte stream of every connection handed to the broker (stream-limits.ts). */
  readonly streamLimits?: Partial<StreamLimits>;
  /** True: `$`-topics (`$SYS/#`) are the broker's and in-process services' only (sys-topics-closed). */
  readonly closesSysTopics?: boolean;
  /** At CONNECT, once the credentials matched: a refusal (logged, CONNACK code) or undefined. */
  authorizeConnect?(principal: BrokerPrincipal, facts: ConnectFacts, live: LiveConnections): Refusal | undefined;
  authorizePublish?(principal: BrokerPrincipal, topic: string): string | undefined;
  authorizeSubscribe?(principal: BrokerPrincipal, filter: string): string | undefined;
  /** Last line before a message reaches a subscriber: false drops it silently. */
  authorizeForward?(principal: BrokerPrincipal, topic: string): boolean;
  /**
   * An owner's command as the cloud relays it, after the sender is attested
   * (command-attestation.ts): returns the command to deliver (signed-commands adds its MAC).
   */
  sealCommand?(topic: string, command: Record<string, unknown>): Record<string, unknown>;
  /**
   * payload-encryption: the cloud's side of a home's key, for the one place the broker reads
   * a payload (command attestation). `openPayload` gives the plaintext of a sealed command
   * (undefined: not sealed, or not under that home's key); `sealPayload` seals the attested one.
   */
  openPayload?(topic: string, payload: string): string | undefined;
  sealPayload?(topic: string, payload: string): string;
}

/** What a CONNECT says before authentication: who it claims to be and where it came from. */
export interface ConnectAttempt {
  readonly clientId: string;
  readonly username: string | undefined;
  /** The peer's address: a live socket's remoteAddress, or the simulated one a link was given; undefined for in-process actors that have none. */
  readonly remoteAddress: string | undefined;
  /** The keepalive the CONNECT declared, s (0: none); undefined for direct links, which send no CONNECT. */
  readonly keepaliveS?: number | undefined;
}

/** Stream bounds a policy may set; a bound no installed policy sets is not enforced. */
export interface StreamLimits {
  /** Largest packet after the first, fixed header included (Mosquitto max_packet_size). */
  maxPacketBytes: number;
  /** Largest first packet (the CONNECT, read before authentication). */
  maxConnectBytes: number;
  /** The whole CONNECT must arrive within this long, ms of the world's clock. */
  connectTimeoutMs: number;
}

/** Counts on demand (a walk over the broker's clients), so only a policy that asks pays for it. */
export interface LiveConnections {
  /** Connections this principal holds now, over MQTT and direct links. */
  ofPrincipal(principal: BrokerPrincipal): number;
}

/** Looks up the homes an account may see, live (shared users change it during a run). */
export type HomeLookup = (accountId: string) => readonly string[];
