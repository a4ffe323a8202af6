import type { Aedes, PublishPacket } from 'aedes';
import { DirectRouter, type RouteHandler } from './direct-router.js';
import type { InFlightWork } from './in-flight.js';

interface RetainedStore {
  storeRetained(packet: PublishPacket): Promise<void>;
}

// No closure is created per publish: tsx (esbuild keepNames) wraps each new function in a
// defineProperty call, measured at a tenth of the fast path.
function packetOf(topic: string, body: string, retain: boolean): PublishPacket {
  return { cmd: 'publish', topic, payload: Buffer.from(body), qos: 0, retain, dup: false } as PublishPacket;
}

/**
 * How a message the broker accepted travels to its subscribers: through the fast path's
 * router (direct links) and, when sockets are involved, through aedes. Every accepted
 * message, over either path, is announced once to `onPublished` listeners.
 *
 * With no socket client connected, a fast-path message never enters aedes' publish
 * machinery (only a retained one is kept in aedes' store, for later SUBSCRIBEs). With sockets
 * connected, aedes carries it so that it is ordered with theirs, and aedes' 'publish' event
 * hands every message (theirs, their wills, ours) to the router.
 */
export class MessagePath {
  private readonly router: DirectRouter;
  private readonly listeners: Array<(topic: string) => void> = [];
  private readonly retainedStore: RetainedStore;
  /** Fast-path publishes handed to aedes and not yet through it. */
  private viaAedes = 0;
  private readonly aedesDone = () => {
    this.inFlight.pending--;
    this.viaAedes--;
  };

  constructor(private readonly aedes: Aedes, private readonly inFlight: InFlightWork) {
    this.router = new DirectRouter((busy) => {
      inFlight.pending += busy ? 1 : -1;
    });
    // aedes' typings omit `persistence`: the store its own publish path writes retained messages to.
    this.retainedStore = (aedes as unknown as { persistence: RetainedStore }).persistence;
    aedes.on('publish', (packet) => {
      if (this.router.size > 0) this.router.route(packet.topic, packet.payload.toString());
      this.announce(packet.topic);
    });
  }

  /** Sends an accepted message from an in-process publisher. */
  publish(topic: string, body: string, retain: boolean): void {
    if (this.aedes.connectedClients > 0 || this.viaAedes > 0) {
      // Until the last message handed to aedes is through, the next ones follow it, so a
      // socket leaving cannot reorder them. Completion alone is tracked here: a delivery to a
      // socket subscriber is counted as traffic by the broker's authorizeForward.
      this.inFlight.pending++;
      this.viaAedes++;
      this.aedes.publish(packetOf(topic, body, retain), this.aedesDone);
      return;
    }
    this.router.route(topic, body);
    this.announce(topic);
    if (retain) void this.inFlight.track(this.retainedStore.storeRetained(packetOf(topic, body, retain)));
  }

  addRoute(filter: string, handler: RouteHandler): void {
    this.router.add(filter, handler);
  }

  removeRoute(filter: string, handler: RouteHandler): void {
    this.router.remove(filter, handler);
  }

  /** Calls `listener` with the topic of every message the broker accepted, over either path. */
  onPublished(listener: (topic: string) => void): void {
    this.listeners.push(listener);
  }

  private announce(topic: string): void {
    for (const listener of this.listeners) listener(topic);
  }
}
