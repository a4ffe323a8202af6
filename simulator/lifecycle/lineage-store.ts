import { ITEM_KINDS, KIND_CODE, type ItemKind, type ItemView } from './items.js';

const LIVE = 1;
const CHILD = 2;
const CONSENT = 4;
const UNLAWFUL = 8;
const BACKUP = 16;
const NONE = -1;

export interface NewItem {
  kind: ItemKind;
  homeIndex: number;
  profile: number;
  child: boolean;
  trainingConsent: boolean;
  createdAtMs: number;
  /** Its single source's id (derived items, backup copies), or -1. */
  source: number;
  /** A copy in the backup store (it keeps the original's kind). */
  backup?: boolean;
}

/**
 * Every stored item and where it came from, in columns (typed arrays indexed by slot), so
 * two years of a thousand households cost bytes per item, not an object each. A deleted
 * item's slot is released and reused; an id is `slot * GEN_SPAN + generation`, so a stale
 * id never names the slot's new item.
 *
 * Lineage links: each item's single source (`source`), the source's children as a doubly
 * linked list (cascades walk it), and each profile's items as another list (requests walk it).
 * Multi-source items (training sets, models) keep their lineage in the lifecycle's own tables.
 */
export class LineageStore {
  private capacity = 0;
  private kind = new Uint8Array(0);
  private flags = new Uint8Array(0);
  private gen = new Uint16Array(0);
  private home = new Int32Array(0);
  private profile = new Int32Array(0);
  private created = new Float64Array(0);
  private source = new Int32Array(0);
  private firstChild = new Int32Array(0);
  private nextSibling = new Int32Array(0);
  private prevSibling = new Int32Array(0);
  private profNext = new Int32Array(0);
  private profPrev = new Int32Array(0);
  private readonly free: number[] = [];
  private used = 0;
  private readonly profileHead = new Map<number, number>();
  /** Live primary items per kind, and live backup copies. */
  readonly liveByKind = new Float64Array(ITEM_KINDS.length);
  liveBackups = 0;
  live = 0;

  static readonly GEN_SPAN = 65_536;

  constructor(initialCapacity = 1024) {
    this.grow(initialCapacity);
  }

  private grow(capacity: number): void {
    const copy = <T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(old: T, make: (n: number) => T, fill?: number): T => {
      const next = make(capacity);
      if (fill !== undefined) next.fill(fill);
      next.set(old);
      return next;
    };
    this.kind = copy(this.kind, (n) => new Uint8Array(n));
    this.flags = copy(this.flags, (n) => new Uint8Array(n));
    this.gen = copy(this.gen, (n) => new Uint16Array(n));
    this.home = copy(this.home, (n) => new Int32Array(n));
    this.profile = copy(this.profile, (n) => new Int32Array(n));
    this.created = copy(this.created, (n) => new Float64Array(n));
    this.source = copy(this.source, (n) => new Int32Array(n), NONE);
    this.firstChild = copy(this.firstChild, (n) => new Int32Array(n), NONE);
    this.nextSibling = copy(this.nextSibling, (n) => new Int32Array(n), NONE);
    this.prevSibling = copy(this.prevSibling, (n) => new Int32Array(n), NONE);
    this.profNext = copy(this.profNext, (n) => new Int32Array(n), NONE);
    this.profPrev = copy(this.profPrev, (n) => new Int32Array(n), NONE);
    this.capacity = capacity;
  }

  /** Slots in use or free (the high-water mark), for memory checks. */
  get slots(): number {
    return this.used;
  }

  private slotOf(id: number): number {
    if (!Number.isSafeInteger(id) || id < 0) return NONE;
    const slot = Math.floor(id / LineageStore.GEN_SPAN);
    if (slot >= this.used || (this.flags[slot]! & LIVE) === 0 || this.gen[slot] !== id % LineageStore.GEN_SPAN) return NONE;
    return slot;
  }

  private idOf(slot: number): number {
    return slot * LineageStore.GEN_SPAN + this.gen[slot]!;
  }

  has(id: number): boolean {
    return this.slotOf(id) !== NONE;
  }

  add(item: NewItem): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      if (this.used === this.capacity) this.grow(this.capacity * 2);
      slot = this.used++;
    }
    this.kind[slot] = KIND_CODE[item.kind];
    this.flags[slot] = LIVE | (item.child ? CHILD : 0) | (item.trainingConsent ? CONSENT : 0) | (item.backup ? BACKUP : 0);
    this.home[slot] = item.homeIndex;
    this.profile[slot] = item.profile;
    this.created[slot] = item.createdAtMs;
    const parent = this.slotOf(item.source);
    this.source[slot] = parent;
    this.firstChild[slot] = NONE;
    this.prevSibling[slot] = NONE;
    this.nextSibling[slot] = NONE;
    if (parent !== NONE) {
      const head = this.firstChild[parent]!;
      this.nextSibling[slot] = head;
      if (head !== NONE) this.prevSibling[head] = slot;
      this.firstChild[parent] = slot;
    }
    this.profPrev[slot] = NONE;
    this.profNext[slot] = NONE;
    if (item.profile !== NONE) {
      const head = this.profileHead.get(item.profile) ?? NONE;
      this.profNext[slot] = head;
      if (head !== NONE) this.profPrev[head] = slot;
      this.profileHead.set(item.profile, slot);
    }
    if (item.backup) this.liveBackups++;
    else this.liveByKind[this.kind[slot]!]!++;
    this.live++;
    return this.idOf(slot);
  }

  view(id: number): ItemView | undefined {
    const slot = this.slotOf(id);
    if (slot === NONE) return undefined;
    const flags = this.flags[slot]!;
    const src = this.source[slot]!;
    return {
      id,
      kind: ITEM_KINDS[this.kind[slot]!]!,
      homeIndex: this.home[slot]!,
      profile: this.profile[slot]!,
      child: (flags & CHILD) !== 0,
      trainingConsent: (flags & CONSENT) !== 0,
      createdAtMs: this.created[slot]!,
      backup: (flags & BACKUP) !== 0,
      source: src === NONE ? NONE : this.idOf(src),
    };
  }

  isBackup(id: number): boolean {
    const slot = this.slotOf(id);
    return slot !== NONE && (this.flags[slot]! & BACKUP) !== 0;
  }

  createdAtOf(id: number): number {
    const slot = this.slotOf(id);
    return slot === NONE ? NaN : this.created[slot]!;
  }

  kindOf(id: number): ItemKind | undefined {
    const slot = this.slotOf(id);
    return slot === NONE ? undefined : ITEM_KINDS[this.kind[slot]!];
  }

  markUnlawfullyReviewed(id: number): boolean {
    const slot = this.slotOf(id);
    if (slot === NONE) return false;
    this.flags[slot]! |= UNLAWFUL;
    return true;
  }

  unlawfullyReviewed(id: number): boolean {
    const slot = this.slotOf(id);
    return slot !== NONE && (this.flags[slot]! & UNLAWFUL) !== 0;
  }

  /** Ids of the live items about `profile`, newest first. */
  itemsOf(profile: number): number[] {
    const out: number[] = [];
    for (let s = this.profileHead.get(profile) ?? NONE; s !== NONE; s = this.profNext[s]!) out.push(this.idOf(s));
    return out;
  }

  /** Ids of the live items derived directly from `id` (its children and backup copies). */
  childrenOf(id: number): number[] {
    const slot = this.slotOf(id);
    const out: number[] = [];
    if (slot === NONE) return out;
    for (let s = this.firstChild[slot]!; s !== NONE; s = this.nextSibling[s]!) out.push(this.idOf(s));
    return out;
  }

  /** `id` and everything derived from it, transitively (single-source lineage). */
  descendantsOf(id: number): number[] {
    const out: number[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (!this.has(next)) continue;
      out.push(next);
      stack.push(...this.childrenOf(next));
    }
    return out;
  }

  /** Releases the item: its slot is reused; its children stay, with no source (lineage broken, subject kept). */
  remove(id: number): boolean {
    const slot = this.slotOf(id);
    if (slot === NONE) return false;
    const parent = this.source[slot]!;
    const prev = this.prevSibling[slot]!;
    const next = this.nextSibling[slot]!;
    if (prev !== NONE) this.nextSibling[prev] = next;
    else if (parent !== NONE) this.firstChild[parent] = next;
    if (next !== NONE) this.prevSibling[next] = prev;
    for (let c = this.firstChild[slot]!; c !== NONE; ) {
      const after = this.nextSibling[c]!;
      this.source[c] = NONE;
      this.prevSibling[c] = NONE;
      this.nextSibling[c] = NONE;
      c = after;
    }
    const p = this.profile[slot]!;
    if (p !== NONE) {
      const pp = this.profPrev[slot]!;
      const pn = this.profNext[slot]!;
      if (pp !== NONE) this.profNext[pp] = pn;
      else if (pn === NONE) this.profileHead.delete(p);
      else this.profileHead.set(p, pn);
      if (pn !== NONE) this.profPrev[pn] = pp;
    }
    if ((this.flags[slot]! & BACKUP) !== 0) this.liveBackups--;
    else this.liveByKind[this.kind[slot]!]!--;
    this.live--;
    this.flags[slot] = 0;
    this.gen[slot] = (this.gen[slot]! + 1) % LineageStore.GEN_SPAN;
    this.free.push(slot);
    return true;
  }
}
