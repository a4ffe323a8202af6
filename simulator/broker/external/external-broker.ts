import type { Settler, World } from '../../core/world.js';
import { InputError } from '../../runner/input-error.js';
import { ConnectRefusedError, type Link, type LinkCredentials } from '../link.js';
import { attestCommand } from '../command-attestation.js';
import type { BrokerPrincipal } from '../principal.js';
import { ExternalLink, type ExternalOps } from './external-link.js';

declare module '../../core/event-log.js' {
  interface EventTypes {
    /** The external broker (--broker) refused a CONNECT: its CONNACK code, as the broker said it. */
    'broker.external-connect-refused': { clientId: string; username: string; returnCode: number };
  }
}

/** The user name the run's traffic meter logs in with; mosquitto-config grants it `read homes/#`. */
export const METER_USER = 'sim-service-meter';

/** A service principal's user name on an external broker: a password file cannot hold `service:` (its colon ends the name). */
export function externalServiceUser(name: string): string {
  return `sim-service-${name}`;
}

/** Whose own login a CONNECT carries, by its user name on the external broker; undefined: a guess, a default, nobody's. */
export type LoginOwner = (username: string, password: string) => { username: string; principal: BrokerPrincipal } | undefined;

type Op =
  | { kind: 'connect'; link: ExternalLink; credentials: LinkCredentials; done: (refused?: ConnectRefusedError) => void; fail: (error: unknown) => void }
  | { kind: 'publish'; link: ExternalLink; topic: string; payload: string; retain: boolean }
  | { kind: 'subscribe'; link: ExternalLink; filter: string; done: (granted: boolean) => void }
  | { kind: 'unsubscribe'; link: ExternalLink; filter: string; done: () => void }
  | { kind: 'close'; link: ExternalLink; done: () => void };

/**
 * The world's links on an external MQTT 3.1.1 broker (`--broker`), with a settle that keeps
 * the event log the same run to run. Actors' operations are queued in the order the world
 * makes them, and settle() carries them out one at a time: a CONNECT waits for its CONNACK,
 * a SUBSCRIBE for its SUBACK, a link's run of publishes for its own barrier (external-link.ts),
 * so the broker sees one fixed order. Then every open link waits for its barrier, after which
 * everything routed to it has arrived. Only then are messages handed to handlers (links in
 * creation order, each in arrival order) and the operations' promises resolved, in queue
 * order. No handler ever runs while packets are in flight; repeat until a round sends nothing.
 */
export class ExternalBroker implements Settler, ExternalOps {
  private links: ExternalLink[] = [];
  private queue: Op[] = [];
  private completions: Array<() => void> = [];
  private nextOrder = 0;

  constructor(
    private readonly world: World,
    readonly url: string,
    private readonly passwords: ReadonlyMap<string, string>,
    private readonly loginOwner: LoginOwner,
  ) {}

  /**
   * Connects an actor. A login the world would accept as its owner's (a device's own secret,
   * a live session, a service secret) goes out as that user's password from the broker's
   * credentials file; anything else (a guess, a factory default, a blank) goes out as typed,
   * for the external broker alone to judge.
   */
  link(credentials: LinkCredentials): Promise<Link> {
    const owner = this.loginOwner(credentials.username, credentials.password);
    const known = owner === undefined ? undefined : this.passwords.get(owner.username);
    const login = known === undefined ? credentials : { ...credentials, username: owner!.username, password: known };
    const link = new ExternalLink(this, this.nextOrder++, credentials.clientId, login.username);
    if (known !== undefined) this.principals.set(link, owner!.principal);
    return this.awaited<Link>((resolve, reject) => {
      const done = (refused?: ConnectRefusedError) => (refused ? reject(refused) : resolve(link));
      this.enqueue({ kind: 'connect', link, credentials: login, done, fail: reject });
    });
  }

  /**
   * Mosquitto cannot stamp an owner's command with its sender as SimBroker does
   * (command-attestation.ts), and devices obey only stamped commands. So a link the world
   * logged in as an account has its commands stamped here, before they leave: the same
   * payload the device would get from aedes. A login the world does not own (a guess) is
   * sent as written, `from` and all: on an external broker that field is only a claim.
   */
  publish(link: ExternalLink, topic: string, payload: string, retain: boolean): void {
    const principal = this.principals.get(link);
    const attested = principal ? attestCommand(principal, topic, payload) : undefined;
    const sent = attested && 'payload' in attested ? attested.payload : payload;
    this.enqueue({ kind: 'publish', link, topic, payload: sent, retain });
  }

  private readonly principals = new WeakMap<ExternalLink, BrokerPrincipal>();

  subscribe(link: ExternalLink, filter: string): Promise<boolean> {
    return this.awaited((done) => this.enqueue({ kind: 'subscribe', link, filter, done }));
  }

  unsubscribe(link: ExternalLink, filter: string): Promise<void> {
    return this.awaited((done) => this.enqueue({ kind: 'unsubscribe', link, filter, done: () => done() }));
  }

  close(link: ExternalLink): Promise<void> {
    return this.awaited((done) => this.enqueue({ kind: 'close', link, done: () => done() }));
  }

  /**
   * Queues an operation. Code may await a link outside the world's settle (the runner awaits
   * the ingest's connect directly), so the first queued operation also starts a settle on the
   * next turn; the world's own settle() joins it. Either way user code never runs in between.
   */
  private enqueue(op: Op): void {
    this.queue.push(op);
    if (!this.running && !this.kicked) {
      this.kicked = true;
      setImmediate(() => {
        this.kicked = false;
        this.settle().catch((error: unknown) => this.fail(error));
      });
    }
  }

  private running: Promise<void> | undefined;
  private kicked = false;
  private failure: unknown;
  /** Rejecters of every operation still awaited: a failed settle rejects them rather than leave them hanging. */
  private readonly awaiting = new Set<(error: unknown) => void>();

  private awaited<T>(start: (resolve: (value: T) => void, reject: (error: unknown) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.awaiting.add(reject);
      start(
        (value) => (this.awaiting.delete(reject), resolve(value)),
        (error) => (this.awaiting.delete(reject), reject(error)),
      );
    });
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const reject of [...this.awaiting]) reject(error);
    this.awaiting.clear();
  }

  busy(): boolean {
    if (this.failure !== undefined) return true;
    if (this.queue.length > 0 || this.completions.length > 0) return true;
    for (const link of this.links) if (link.hasHeldWork) return true;
    return false;
  }

  settle(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return (this.running ??= this.drain().finally(() => (this.running = undefined)));
  }

  private async drain(): Promise<void> {
    while (this.failure === undefined && this.busy()) {
      const ops = this.queue.splice(0);
      for (let i = 0; i < ops.length; i++) await this.execute(ops[i]!, ops[i + 1]);
      if (ops.length > 0) await Promise.all(this.links.map((link) => link.barrier()));
      this.release();
    }
  }

  private async execute(op: Op, next: Op | undefined): Promise<void> {
    switch (op.kind) {
      case 'connect': {
        let refused: ConnectRefusedError | undefined;
        try {
          refused = await op.link.connectNow(this.url, op.credentials, op.credentials.password);
        } catch (error) {
          this.completions.push(() => op.fail(error));
          return;
        }
        if (refused) {
          const { clientId, username } = op.credentials;
          this.completions.push(() => {
            this.world.log.emit('broker.external-connect-refused', { clientId, username, returnCode: refused.returnCode });
            op.done(refused);
          });
          return;
        }
        this.links.push(op.link); // queue order = creation order: the list stays sorted
        this.completions.push(() => {
          op.link.open = true;
          op.done();
        });
        return;
      }
      case 'publish':
        op.link.send(op.topic, op.payload, op.retain);
        // One barrier after a link's run of publishes: the broker has routed them all.
        if (next?.kind !== 'publish' || next.link !== op.link) await op.link.barrier();
        return;
      case 'subscribe': {
        const granted = await op.link.sendSubscribe(op.filter);
        this.completions.push(() => op.done(granted));
        return;
      }
      case 'unsubscribe':
        await op.link.sendUnsubscribe(op.filter);
        this.completions.push(op.done);
        return;
      case 'close':
        await op.link.end();
        this.completions.push(() => {
          op.link.open = false;
          op.done();
        });
        return;
    }
  }

  /** Messages first (links in creation order), then the operations' results in queue order. */
  private release(): void {
    for (const link of this.links) link.release();
    this.links = this.links.filter((link) => !link.socketClosed || link.hasHeldWork);
    for (const complete of this.completions.splice(0)) complete();
  }

  /**
   * The run's traffic meter: a service login that reads `homes/#`, so `messages.*` count what
   * the external broker accepted, as SimBroker's published hook does in process. A broker that
   * still holds retained messages under homes/ (an earlier run) would hand them to this town's
   * actors, so it is refused before the first simulated second.
   */
  async openMeter(onMessage: (topic: string) => void): Promise<void> {
    const password = this.passwords.get(METER_USER);
    if (password === undefined) throw new InputError(`--broker-credentials: no password for "${METER_USER}"; write the file with smarthome-sim mosquitto-config`);
    const pending = this.link({ clientId: METER_USER, username: METER_USER, password });
    await this.settle();
    let meter: Link;
    try {
      meter = await pending;
    } catch (error) {
      if (error instanceof ConnectRefusedError) throw new InputError(`--broker ${this.url}: the broker refused "${METER_USER}" (CONNACK ${error.returnCode}); start it with the files mosquitto-config wrote for this town`);
      throw new InputError(`--broker ${this.url}: cannot reach the broker (${(error as Error).message})`);
    }
    const retained: string[] = [];
    let counting = false;
    meter.onMessage((topic) => (counting ? onMessage(topic) : retained.push(topic)));
    const granted = meter.subscribe('homes/#');
    await this.settle();
    if (!(await granted)) throw new InputError(`--broker ${this.url}: the broker refused "${METER_USER}" the filter homes/#`);
    if (retained.length > 0) {
      throw new InputError(`--broker ${this.url}: the broker already holds ${retained.length} retained messages under homes/ (first ${retained[0]}), from an earlier run; restart it for a clean town`);
    }
    counting = true;
  }

  /** Closes whatever is still open (world.close). */
  async closeAll(): Promise<void> {
    await this.settle();
    for (const link of [...this.links]) await link.end();
    this.links = [];
  }
}
