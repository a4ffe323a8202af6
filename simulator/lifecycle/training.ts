/**
 * Training sets and the model versions trained on them. A training set is a copy: its
 * members stay in it when the originals are deleted, which is how a model keeps depending
 * on a deleted recording unless deletion (or disgorgement) reaches into the set.
 */

export const MEMBER_CHILD = 1;
export const MEMBER_NO_CONSENT = 2;
export const MEMBER_UNLAWFUL = 4;
/** Its original was deleted on request, or its profile deleted, while the copy stayed. */
export const MEMBER_DELETED_SUBJECT = 8;
export const MEMBER_REMOVED = 16;
export const MEMBER_TAINT = MEMBER_NO_CONSENT | MEMBER_UNLAWFUL | MEMBER_DELETED_SUBJECT;

export class TrainingSet {
  readonly items: Float64Array;
  readonly profiles: Int32Array;
  readonly flags: Uint8Array;
  /** When each member's original was made. */
  readonly madeAtMs: Float64Array;
  /** Members not removed. */
  size: number;

  constructor(readonly storeId: number, readonly family: string, readonly createdAtMs: number, members: readonly { item: number; profile: number; flags: number; madeAtMs: number }[]) {
    this.items = Float64Array.from(members, (m) => m.item);
    this.profiles = Int32Array.from(members, (m) => m.profile);
    this.flags = Uint8Array.from(members, (m) => m.flags);
    this.madeAtMs = Float64Array.from(members, (m) => m.madeAtMs);
    this.size = members.length;
  }

  /** Members still in the set matching `test`. */
  count(test: (index: number) => boolean): number {
    let n = 0;
    for (let i = 0; i < this.flags.length; i++) if ((this.flags[i]! & MEMBER_REMOVED) === 0 && test(i)) n++;
    return n;
  }

  tainted(): number {
    return this.count((i) => (this.flags[i]! & MEMBER_TAINT) !== 0);
  }

  /** Members about `profile` still in the set (a model trained on it depends on that profile). */
  ofProfile(profile: number): number {
    return this.count((i) => this.profiles[i] === profile);
  }

  /** Applies `mark` to the members it selects; returns how many changed. */
  mark(select: (index: number) => boolean, flag: number): number {
    let n = 0;
    for (let i = 0; i < this.flags.length; i++) {
      const f = this.flags[i]!;
      if ((f & MEMBER_REMOVED) !== 0 || (f & flag) !== 0 || !select(i)) continue;
      this.flags[i] = f | flag;
      if (flag === MEMBER_REMOVED) this.size--;
      n++;
    }
    return n;
  }
}

export interface ModelVersion {
  readonly storeId: number;
  readonly family: string;
  readonly version: number;
  /** Every set it was trained on: its lineage reaches every member of each. */
  readonly sets: readonly TrainingSet[];
  readonly trainedAtMs: number;
  /** Items it was trained on (the retrain's cost, in items). */
  readonly trainedOnItems: number;
  serving: boolean;
  withdrawn: boolean;
}
