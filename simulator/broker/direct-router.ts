import { homeOfFilter, homeOfTopic, levelsMatch } from './topics.js';

const RESOLVED = Promise.resolve();

/** Receives one routed message; the link behind it applies the forward check itself. */
export type RouteHandler = (topic: string, payload: string) => void;

interface Route {
  readonly filter: string;
  readonly levels: readonly string[];
  readonly handler: RouteHandler;
}

/** One home's routes (or the town-wide ones); `version` counts their changes. */
interface Bucket {
  routes: readonly Route[];
  version: number;
}

/**
 * What one topic is routed to: its home's bucket and the routes of that bucket and of the
 * town-wide list it matched, each as of the version it was computed at. One map look-up per
 * message finds all of it (the topic's bucket and the two match lists were three).
 */
interface TopicRoutes {
  readonly bucket: Bucket | null;
  local: readonly Route[];
  localVersion: number;
  townWide: readonly Route[];
  townWideVersion: number;
}

const NO_ROUTES: readonly Route[] = [];
/** Bound on each topic cache; past it the cache starts over (a hostile client may invent topics). */
const MAX_CACHED_TOPICS = 200_000;

/**
 * The fast path's message router: direct links' subscriptions, matched and delivered without
 * aedes (issue 2: "add a fast path for bulk telemetry"). aedes' one trie over the whole town
 * was the measured hotspot of a 10,000-home day (its match, packet and series machinery ran
 * for every message, about a third of the run); here a home-scoped filter sits in its home's
 * bucket of one to three routes and the few town-wide filters (the cloud's ingest) in another
 * list, and which routes a topic matches is remembered per topic until that home's routes
 * change (a version number per bucket), so a doorbell's telemetry costs one map look-up. The comparison itself is written
 * out (levelsMatch) rather than a trie per home: a linear check of three filters is cheaper
 * than a trie and ten thousand of them would cost memory; a property test holds it to
 * qlobber's answers.
 *
 * Delivery is queued and runs on the next microtask, in publish order, as aedes' own
 * delivery does: a subscriber's reaction never lands between two steps of the publisher's
 * handler, so the event log reads the same over either path.
 */
export class DirectRouter {
  // Route lists are copied on write, never changed in place: a delivery may subscribe or
  // unsubscribe while its list is being walked.
  private readonly buckets = new Map<string, Bucket>();
  /** Topic → its bucket and matched routes, so delivery never re-parses or re-matches a topic. */
  private readonly topics = new Map<string, TopicRoutes>();
  private readonly townWide: Bucket = { routes: NO_ROUTES, version: 0 };
  /**
   * Topic and payload pairs waiting for delivery, in [0, queued). The array keeps its length
   * between flushes (truncating it gave its storage back and every flush grew it again); the
   * strings left behind are overwritten by the next messages.
   */
  private readonly queue: string[] = [];
  private queued = 0;
  private routes = 0;
  private flushing = false;
  private readonly flushBound = () => this.flush();

  /**
   * @param onBusy called with true when messages wait for delivery and false when all are
   *   delivered (the broker counts that as in-flight work).
   */
  constructor(private readonly onBusy: (busy: boolean) => void) {}

  get size(): number {
    return this.routes;
  }

  add(filter: string, handler: RouteHandler): void {
    const bucket = this.bucketOfFilter(filter);
    bucket.routes = [...bucket.routes, { filter, levels: filter.split('/'), handler }];
    bucket.version++;
    this.routes++;
  }

  remove(filter: string, handler: RouteHandler): void {
    const bucket = this.bucketOfFilter(filter);
    const index = bucket.routes.findIndex((route) => route.handler === handler && route.filter === filter);
    if (index < 0) return;
    bucket.routes = bucket.routes.filter((_, i) => i !== index);
    bucket.version++;
    this.routes--;
  }

  /** Queues `topic` for every route that matches it at delivery time. */
  route(topic: string, payload: string): void {
    if (this.routes === 0) return;
    if (this.queued === 0 && !this.flushing) {
      this.onBusy(true);
      // A resolved promise's then, not queueMicrotask: Node wraps each queueMicrotask callback
      // in an AsyncResource, measurable at one flush per scheduler event.
      RESOLVED.then(this.flushBound);
    }
    this.queue[this.queued++] = topic;
    this.queue[this.queued++] = payload;
  }

  private flush(): void {
    this.flushing = true;
    const queue = this.queue;
    try {
      // Deliveries may publish again: those messages join the end of this same pass.
      for (let i = 0; i < this.queued; i += 2) this.deliver(queue[i]!, queue[i + 1]!);
    } finally {
      this.queued = 0;
      this.flushing = false;
      this.onBusy(false);
    }
  }

  private bucketOfFilter(filter: string): Bucket {
    const home = homeOfFilter(filter);
    return home === undefined ? this.townWide : this.bucketOfHome(home);
  }

  private bucketOfHome(home: string): Bucket {
    let bucket = this.buckets.get(home);
    if (!bucket) this.buckets.set(home, (bucket = { routes: NO_ROUTES, version: 0 }));
    return bucket;
  }

  private deliver(topic: string, payload: string): void {
    let routes = this.topics.get(topic);
    if (routes === undefined) {
      const home = homeOfTopic(topic);
      routes = { bucket: home === undefined ? null : this.bucketOfHome(home), local: NO_ROUTES, localVersion: -1, townWide: NO_ROUTES, townWideVersion: -1 };
      if (this.topics.size >= MAX_CACHED_TOPICS) this.topics.clear();
      this.topics.set(topic, routes);
    }
    const bucket = routes.bucket;
    if (bucket !== null && routes.localVersion !== bucket.version) {
      routes.local = matching(bucket, topic);
      routes.localVersion = bucket.version;
    }
    if (routes.townWideVersion !== this.townWide.version) {
      routes.townWide = matching(this.townWide, topic);
      routes.townWideVersion = this.townWide.version;
    }
    // Both lists are taken before any handler runs: a route added or removed during this
    // delivery takes effect from the next message, on either list.
    const local = routes.local;
    const townWide = routes.townWide;
    for (let i = 0; i < local.length; i++) local[i]!.handler(topic, payload);
    for (let i = 0; i < townWide.length; i++) townWide[i]!.handler(topic, payload);
  }
}

/** The bucket's routes that match `topic` (its current list: copied on write, so kept as is). */
function matching(bucket: Bucket, topic: string): readonly Route[] {
  if (bucket.routes.length === 0) return NO_ROUTES;
  const found = bucket.routes.filter((route) => levelsMatch(route.levels, topic));
  return found.length === 0 ? NO_ROUTES : found;
}
