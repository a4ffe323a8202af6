import { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import { homeOfFilter, homeOfTopic, levelsMatch } from './topics.js';

// aedes-persistence ships CommonJS classes without typings for these deep paths.
const require = createRequire(import.meta.url);
const MemoryPersistence = require('aedes-persistence/asyncPersistence.js') as new (opts?: object) => AsyncPersistenceBase;
const { CallBackPersistence } = require('aedes-persistence/callBackPersistence.js') as {
  CallBackPersistence: new (factory: (opts: object) => AsyncPersistenceBase, opts?: object) => object;
};

interface RetainedPacket {
  topic: string;
  payload: Buffer;
}

interface AsyncPersistenceBase {
  storeRetained(packet: RetainedPacket): Promise<void>;
  createRetainedStreamCombi(patterns: string[]): Readable;
}

/**
 * aedes' in-memory persistence, with retained messages indexed by home.
 *
 * Upstream answers every SUBSCRIBE by testing the filter against *all* retained topics; with
 * one retained status per doorbell, a town of 10,000 homes made each app's subscribe scan
 * 10,000 topics (measured: 96 % of a 10,000-home run). A home-scoped filter now scans only
 * that home's retained messages; any other filter falls back to the upstream scan.
 */
class HomeIndexedPersistence extends MemoryPersistence {
  private readonly byHome = new Map<string, Map<string, RetainedPacket>>();

  override async storeRetained(packet: RetainedPacket): Promise<void> {
    await super.storeRetained(packet);
    const home = homeOfTopic(packet.topic);
    if (home === undefined) return;
    let bucket = this.byHome.get(home);
    if (packet.payload.length === 0) {
      bucket?.delete(packet.topic);
      return;
    }
    if (!bucket) this.byHome.set(home, (bucket = new Map()));
    bucket.set(packet.topic, { ...packet });
  }

  override createRetainedStreamCombi(patterns: string[]): Readable {
    const found: RetainedPacket[] = [];
    for (const pattern of patterns) {
      const packets = this.retainedForHomeFilter(pattern);
      if (!packets) return super.createRetainedStreamCombi(patterns);
      found.push(...packets);
    }
    return Readable.from(found);
  }

  /** Retained messages matching a home-scoped filter, synchronously; undefined for any other filter. */
  retainedForHomeFilter(pattern: string): RetainedPacket[] | undefined {
    const home = homeOfFilter(pattern);
    if (home === undefined) return undefined;
    const bucket = this.byHome.get(home);
    if (!bucket) return [];
    // levelsMatch, as the router uses (held to aedes' qlobber options by INV-LINK-2): no trie per lookup.
    const levels = pattern.split('/');
    const found: RetainedPacket[] = [];
    for (const [topic, packet] of bucket) if (levelsMatch(levels, topic)) found.push(packet);
    return found;
  }
}

export interface IndexedPersistence {
  /** What aedes takes as `persistence`. */
  readonly forAedes: object;
  retainedForHomeFilter(pattern: string): RetainedPacket[] | undefined;
}

/** A persistence for `Aedes.createBroker({ persistence })`, with a synchronous home-scoped lookup. */
export function createIndexedPersistence(): IndexedPersistence {
  let inner: HomeIndexedPersistence | undefined;
  const forAedes = new CallBackPersistence((opts) => (inner = new HomeIndexedPersistence(opts)));
  return { forAedes, retainedForHomeFilter: (pattern) => inner!.retainedForHomeFilter(pattern) };
}
