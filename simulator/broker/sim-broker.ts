import { Aedes, type Client } from 'aedes';
import { MqttClient } from 'mqtt';
import type { Duplex } from 'node:stream';
import type { Cloud } from '../cloud/cloud.js';
import type { Settler, World } from '../core/world.js';
import { AedesHooks, type HookHost } from './aedes-hooks.js';
import { noteConnectPacket, refusedByConnectChecks } from './connect-checks.js';
import { grantedQosEmitter } from './granted-qos.js';
import { createIndexedPersistence, type IndexedPersistence } from './indexed-persistence.js';
import { DirectLink, type DirectLinkHost } from './direct-link.js';
import { ConnectRefusedError, type Link, type LinkCredentials, type TransportMode } from './link.js';
import { InFlightWork } from './in-flight.js';
import { MessagePath } from './message-path.js';
import { memoryPair } from './memory-transport.js';
import { MqttLink } from './mqtt-link.js';
import type { BrokerPolicy, ConnectAttempt } from './policy.js';
import { SilenceWatch } from './silence-watch.js';
import { attestCommand } from './command-attestation.js';
import { describePrincipal, type BrokerPrincipal } from './principal.js';
import { OBSERVER_PREFIX, OBSERVER_PUBLISH_REFUSED, observerMaySubscribe, observerSecret } from './observer-access.js';
import { resolvePrincipal, type ConnectionOrigin, type Resolution } from './principal-resolver.js';
import { TenantAcl } from './tenant-acl.js';
import { clientIdBindingPolicy, uniqueDeviceCredentialsPolicy } from './connect-policies.js';
import { sysTopicsClosedPolicy } from './sys-topics.js';
import { guardInWorld, streamLimitsOf } from './stream-limits.js';
import { externalServiceUser } from './external/external-broker.js';

export interface SimBrokerOptions {
  /** Fixed so $SYS topics and logs are the same in every run. Default 'smarthome-sim'. */
  brokerId?: string;
  /**
   * Live mode keeps aedes' own heartbeat timers; simulation stops them (they read the wall
   * clock and would fire into a virtual-time run).
   */
  live?: boolean;
  /**
   * Live mode only: how long a client may leave its socket full before it is dropped (aedes'
   * drainTimeout). With no limit, one subscriber that stops reading holds delivery slots
   * until every client stalls (aedes docs, "Why use drainTimeout?"). Default 10 s.
   */
  drainTimeoutMs?: number;
  /** Policies besides the tenant ACL (later defences plug in here). */
  policies?: BrokerPolicy[];
  /** The tenant ACL (topic-acl defence). Default on. */
  tenantAcl?: boolean;
  /**
   * Accept `service:*` logins that arrive through a TCP or WebSocket listener. Default off:
   * a service principal reads `#` and `$SYS/#` and publishes anywhere, so it belongs to
   * in-process code (ingest, observers); serve's --allow-service-logins turns this on.
   */
  allowExternalServices?: boolean;
}

const LIVE_DRAIN_TIMEOUT_MS = 10_000;

/**
 * The world's MQTT broker: aedes 1.x with every hook decided by the cloud and by policies,
 * in-memory links for simulated actors, and a settle() that tells the runner when all
 * traffic has been delivered.
 */
export class SimBroker implements Settler, DirectLinkHost, HookHost {
  readonly inFlight = new InFlightWork();
  readonly meter = this.inFlight.meter;
  readonly policies: BrokerPolicy[];
  /** aedes' live client table (typed privately upstream). */
  private readonly clients: Record<string, Client>;
  private readonly directClients = new Map<string, DirectLink>();
  private readonly serviceSecrets = new Map<string, string>();
  /** Which door each connection came in by (handle()); the hooks find it as aedes' client.conn. */
  private readonly origins = new WeakMap<Duplex, ConnectionOrigin>();
  /** The peer address each connection came from, where known (handle()). */
  private readonly addresses = new WeakMap<Duplex, string>();
  /** max-keepalive's silence bound, in virtual time (silence-watch.ts). */
  private readonly silence: SilenceWatch;
  private readonly allowExternalServices: boolean;
  /** Where accepted messages go: the fast path's router and aedes (see message-path.ts). */
  readonly messages: MessagePath;
  private clientCounter = 0;

  private constructor(
    readonly aedes: Aedes,
    readonly world: World,
    readonly cloud: Cloud,
    policies: BrokerPolicy[],
    private readonly persistence: IndexedPersistence,
    private readonly hooks: AedesHooks,
    options: SimBrokerOptions,
  ) {
    this.policies = policies;
    this.allowExternalServices = options.allowExternalServices ?? false;
    this.clients = (aedes as unknown as { clients: Record<string, Client> }).clients;
    this.messages = new MessagePath(aedes, this.inFlight);
    this.silence = new SilenceWatch(world, () => this.policies.some((policy) => policy.silenceLimitMs));
  }

  static async create(world: World, cloud: Cloud, options: SimBrokerOptions = {}): Promise<SimBroker> {
    const policies: BrokerPolicy[] = [];
    if (options.tenantAcl ?? true) policies.push(new TenantAcl((accountId) => cloud.accounts.get(accountId)?.homeIds ?? []));
    // The connect checks it always had (connect-policies.ts); installDefenses replaces the list.
    policies.push(uniqueDeviceCredentialsPolicy, clientIdBindingPolicy, sysTopicsClosedPolicy);
    policies.push(...(options.policies ?? []));
    const hooks = new AedesHooks();
    const persistence = createIndexedPersistence();
    const aedes = await Aedes.createBroker({
      id: options.brokerId ?? 'smarthome-sim',
      // Simulated traffic is bursty (a whole town at one instant): no emitter backlog limit.
      concurrency: 100_000,
      // In-memory streams never fill, and simulation has no wall-clock timers; live sockets do.
      drainTimeout: options.live ? (options.drainTimeoutMs ?? LIVE_DRAIN_TIMEOUT_MS) : 0,
      persistence: persistence.forAedes,
      // aedes' default emitter at that concurrency, noting which subscription each copy is for (granted-qos.ts).
      mq: grantedQosEmitter(100_000),
      // MQTT-3.1.3-8, which aedes 1.2 misses: preConnect sees the CONNECT, authenticate answers it (connect-checks.ts).
      preConnect: (client, packet, done) => (noteConnectPacket(client, packet), done(null, true)),
      authenticate: (client, username, password, done) =>
        refusedByConnectChecks(client, username, world.log, done) || hooks.authenticate(client, username, password, done),
      authorizePublish: (client, packet, done) => done(hooks.authorizePublish(client, packet)),
      authorizeSubscribe: (client, sub, done) => done(null, hooks.authorizeSubscribe(client, sub)),
      authorizeForward: (client, packet) => hooks.authorizeForward(client, packet),
    });
    if (!options.live) {
      // aedes arms two wall-clock intervals in listen(); a simulated world must not have them.
      const timers = aedes as unknown as { _heartbeatInterval?: NodeJS.Timeout; _clearWillInterval?: NodeJS.Timeout };
      clearInterval(timers._heartbeatInterval);
      clearInterval(timers._clearWillInterval);
    }
    const self = new SimBroker(aedes, world, cloud, policies, persistence, hooks, options);
    hooks.attach(self);
    cloud.sessions.onRevoke((session) => self.disconnectToken(session.token));
    world.addSettler(self);
    world.onClose(() => self.close());
    return self;
  }

  /**
   * Attaches any duplex stream (TCP socket, WebSocket, in-memory end) as a broker connection.
   * `origin` says which: the listeners pass 'tcp' or 'ws', so a login from outside the
   * process can be told from an in-process one (service principals are in-process only).
   */
  handle(stream: Duplex, origin: ConnectionOrigin = 'memory', remoteAddress?: string): void {
    this.meter.activity++;
    // Live listeners guard their own sockets (listeners.ts); in-process streams meet the
    // installed stream bounds here (max-packet-size, connect-timeout), if any.
    const limits = origin === 'memory' ? streamLimitsOf(this.policies) : undefined;
    const watchesSilence = origin === 'memory' && this.policies.some((policy) => policy.silenceLimitMs);
    const heard = watchesSilence ? () => this.silence.heard(conn) : undefined;
    const conn: Duplex = limits || watchesSilence ? guardInWorld(stream, limits ?? {}, this.world, heard) : stream;
    this.origins.set(conn, origin);
    if (remoteAddress !== undefined) this.addresses.set(conn, remoteAddress);
    this.aedes.handle(conn);
  }

  /** max-keepalive: an accepted in-process connection is closed after the tightest silence limit any policy sets. */
  connectionAccepted(conn: Duplex, attempt: ConnectAttempt): void {
    if (this.originOf(conn) !== 'memory') return;
    let limitMs = Infinity;
    for (const policy of this.policies) limitMs = Math.min(limitMs, policy.silenceLimitMs?.(attempt) ?? Infinity);
    if (Number.isFinite(limitMs)) this.silence.watch(conn, attempt.clientId, limitMs);
  }

  /** The peer address `handle()` recorded for a connection, if it had one. */
  remoteAddressOf(stream: Duplex): string | undefined {
    return this.addresses.get(stream);
  }

  /** The stream bounds the installed defences set (the live listeners take their defaults from them). */
  streamLimits(): ReturnType<typeof streamLimitsOf> {
    return streamLimitsOf(this.policies);
  }

  /** Whether `$`-topics are closed to all but in-process services (the sys-topics-closed defence). */
  private sysTopicsClosed(): boolean {
    return this.policies.some((policy) => policy.closesSysTopics === true);
  }

  /** The origin `handle()` recorded for a connection; unknown streams count as external. */
  originOf(stream: Duplex): ConnectionOrigin {
    return this.origins.get(stream) ?? 'tcp';
  }

  /**
   * Credentials for a trusted in-process service (ingest, observers): username
   * `service:{name}`, password a 128-bit secret from the world's secret source. They are
   * accepted only in-process unless the broker allows external services.
   */
  serviceCredentials(name: string): { username: string; password: string } {
    let secret = this.serviceSecrets.get(name);
    if (!secret) this.serviceSecrets.set(name, (secret = this.world.secrets.hex(this.world.rng('broker/service-secrets'), 16)));
    return { username: `service:${name}`, password: secret };
  }

  /**
   * Turns on the observer role for this start (the classroom dashboard) and returns its
   * login: a secret from node:crypto, never from the seed and never a draw on a seeded
   * stream, so the town's event log is the same with or without an observer.
   */
  enableObserver(name = 'dashboard'): { username: string; password: string } {
    this.observerSecret ??= observerSecret();
    return { username: `${OBSERVER_PREFIX}${name}`, password: this.observerSecret };
  }

  private observerSecret: string | undefined;

  /** --broker: every link goes to that broker instead of aedes (external-broker.ts). */
  private external: { link(credentials: LinkCredentials): Promise<Link> } | undefined;

  useExternalBroker(external: { link(credentials: LinkCredentials): Promise<Link> }): void {
    this.external = external;
  }

  /**
   * Whose own login `username`/`password` is, by user name on an external broker: a device's
   * unique secret, a live session, a service secret. Ignores policies and who holds which client
   * id (the external broker judges those); a factory default or a guess is nobody's.
   */
  ownerOfLogin(username: string, password: string): { username: string; principal: BrokerPrincipal } | undefined {
    const resolution = resolvePrincipal(this.cloud, (name) => this.serviceSecrets.get(name), () => undefined, username, username, password);
    if ('reason' in resolution || resolution.facts.credential !== 'own') return undefined;
    const { principal } = resolution;
    if (principal.kind === 'device') return { username: principal.deviceId, principal };
    if (principal.kind === 'service') return { username: externalServiceUser(principal.name), principal };
    if (principal.kind === 'account') return { username: username.toLowerCase(), principal };
    return undefined;
  }

  /** Connects an actor; rejects with ConnectRefusedError when the broker says no. */
  async link(credentials: LinkCredentials, mode: TransportMode): Promise<Link> {
    if (this.external) return this.external.link(credentials);
    if (mode === 'mqtt') return this.mqttLink(credentials);
    const resolution = this.resolvePrincipal(credentials.clientId, credentials.username, credentials.password, 'memory', credentials.remoteAddress);
    if ('reason' in resolution) {
      this.world.log.emit('broker.connect-refused', { clientId: credentials.clientId, username: credentials.username, reason: resolution.reason });
      throw new ConnectRefusedError(resolution.reason, resolution.returnCode);
    }
    const previous = this.directClients.get(credentials.clientId);
    if (previous) await previous.drop();
    const link = new DirectLink(this, resolution.principal, credentials);
    this.directClients.set(credentials.clientId, link);
    return link;
  }

  private async mqttLink(credentials: LinkCredentials): Promise<Link> {
    const [clientEnd, brokerEnd] = memoryPair(this.meter);
    this.handle(brokerEnd, 'memory', credentials.remoteAddress);
    const will = credentials.will;
    const client = new MqttClient(() => clientEnd, {
      protocolVersion: 4,
      clientId: credentials.clientId,
      username: credentials.username,
      password: credentials.password,
      will: will ? { topic: will.topic, payload: Buffer.from(will.payload), qos: 0, retain: will.retain } : undefined,
      clean: true,
      keepalive: 0, // no wall-clock keep-alive timers in simulation
      reconnectPeriod: 0,
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', (error: Error & { code?: number }) => {
        client.end(true);
        reject(new ConnectRefusedError(error.message, error.code ?? 5));
      });
    });
    return new MqttLink(client, credentials.clientId, this.meter);
  }

  /** A client id nobody else holds (apps; devices use their device id). */
  nextClientId(prefix: string): string {
    return `${prefix}-${(++this.clientCounter).toString(36)}`;
  }

  /** Publishes as `principal` through the same policies as the MQTT path (see DirectLink). */
  publishAs(principal: BrokerPrincipal, topic: string, payload: string, options: { retain?: boolean } = {}): boolean {
    let reason = this.checkPublishAs(principal, topic);
    const attested = reason ? undefined : attestCommand(principal, topic, payload, this.policies);
    if (attested && 'refused' in attested) reason = attested.refused;
    if (reason) {
      this.world.log.emit('broker.publish-refused', { principal: describePrincipal(principal), topic, reason });
      return false;
    }
    this.messages.publish(topic, attested && 'payload' in attested ? attested.payload : payload, options.retain ?? false);
    return true;
  }

  /** Retained messages for a home-scoped filter, or undefined when only a stream lookup will do. */
  retainedFor(filter: string): Array<{ topic: string; payload: Buffer }> | undefined {
    return this.persistence.retainedForHomeFilter(filter);
  }

  checkPublishAs(principal: BrokerPrincipal, topic: string): string | undefined {
    if (topic.startsWith('$')) return '$-topics are reserved';
    if (topic.includes('\u0000')) return 'U+0000 is not allowed in a topic (MQTT-1.5.3-2)';
    if (!this.sessionLive(principal)) return 'session expired or revoked';
    if (principal.kind === 'observer') return OBSERVER_PUBLISH_REFUSED;
    for (const policy of this.policies) {
      const reason = policy.authorizePublish?.(principal, topic);
      if (reason) return `${policy.name}: ${reason}`;
    }
    return undefined;
  }

  checkSubscribeAs(principal: BrokerPrincipal, filter: string): string | undefined {
    if (filter.startsWith('$') && principal.kind !== 'service' && this.sysTopicsClosed()) return '$-topics are reserved';
    if (filter.includes('\u0000')) return 'U+0000 is not allowed in a topic filter (MQTT-1.5.3-2)';
    if (!this.sessionLive(principal)) return 'session expired or revoked';
    if (principal.kind === 'observer') return observerMaySubscribe(filter);
    for (const policy of this.policies) {
      const reason = policy.authorizeSubscribe?.(principal, filter);
      if (reason) return `${policy.name}: ${reason}`;
    }
    return undefined;
  }

  logSubscribeRefused(principal: BrokerPrincipal, filter: string, reason: string): void {
    this.world.log.emit('broker.subscribe-refused', { principal: describePrincipal(principal), filter, reason });
  }

  forwardAllowed(principal: BrokerPrincipal, topic: string): boolean {
    if (topic.startsWith('$') && (principal.kind === 'service' || this.sysTopicsClosed())) return principal.kind === 'service';
    if (!this.sessionLive(principal)) return false;
    if (principal.kind === 'observer') return true; // read-only, whole town (observer-access.ts)
    for (const policy of this.policies) {
      if (policy.authorizeForward && !policy.authorizeForward(principal, topic)) return false;
    }
    return true;
  }

  track<T>(work: Promise<T>): Promise<T> {
    return this.inFlight.track(work);
  }

  /**
   * An owner's connection is only as good as its session: revocation disconnects at once
   * (disconnectToken), and an expired session stops publishing, subscribing and receiving
   * from the moment it expires, not at the next CONNECT.
   */
  private sessionLive(principal: BrokerPrincipal): boolean {
    return principal.kind !== 'account' || this.cloud.sessions.validate(principal.token) !== undefined;
  }

  releaseClientId(clientId: string, link: DirectLink): void {
    if (this.directClients.get(clientId) === link) this.directClients.delete(clientId);
  }

  busy(): boolean {
    return this.inFlight.busy();
  }

  settle(): Promise<void> {
    return this.inFlight.settle();
  }

  connectedClients(): number {
    return this.aedes.connectedClients + this.directClients.size;
  }

  async close(): Promise<void> {
    await this.settle();
    for (const link of [...this.directClients.values()]) await link.close();
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
  }

  // ---- who is connecting ------------------------------------------------------------------

  /** Who a CONNECT (or a direct link, origin 'memory') speaks for; see principal-resolver.ts. */
  resolvePrincipal(clientId: string, username: string | undefined, password: string | undefined, origin: ConnectionOrigin = 'memory', remoteAddress?: string, keepaliveS?: number): Resolution {
    for (const policy of this.policies) {
      const refusal = policy.beforeConnect?.({ clientId, username, remoteAddress, keepaliveS });
      if (refusal) return refusal;
    }
    const gate = { origin, allowExternalServices: this.allowExternalServices, observerSecret: this.observerSecret };
    const resolution = resolvePrincipal(this.cloud, (name) => this.serviceSecrets.get(name), (id) => this.holderOf(id), clientId, username, password, gate);
    if ('reason' in resolution) return resolution;
    for (const policy of this.policies) {
      const refusal = policy.authorizeConnect?.(resolution.principal, resolution.facts, this.live);
      if (refusal) return refusal;
    }
    return resolution;
  }

  /** For connect policies that cap connections (connection-cap). */
  private readonly live = {
    ofPrincipal: (principal: BrokerPrincipal): number => {
      const who = describePrincipal(principal);
      let n = 0;
      for (const client of Object.values(this.clients)) {
        const held = this.hooks.principalOf(client);
        if (held && describePrincipal(held) === who) n++;
      }
      for (const link of this.directClients.values()) if (describePrincipal(link.principal) === who) n++;
      return n;
    },
  };

  /** The principal currently holding a client id, over MQTT or a direct link. */
  private holderOf(clientId: string): BrokerPrincipal | undefined {
    const holder = this.clients[clientId];
    return holder ? this.hooks.principalOf(holder) : this.directClients.get(clientId)?.principal;
  }

  /** The world's event log (the hooks log refusals to it). */
  get log(): World['log'] {
    return this.world.log;
  }

  /** Drops every connection that authenticated with a now-revoked session token. */
  private disconnectToken(token: string): void {
    for (const client of Object.values(this.clients)) {
      const principal = this.hooks.principalOf(client);
      if (principal?.kind === 'account' && principal.token === token) {
        this.meter.activity++;
        client.close();
      }
    }
    for (const link of [...this.directClients.values()]) {
      if (link.principal.kind === 'account' && link.principal.token === token) void link.drop();
    }
  }
}
