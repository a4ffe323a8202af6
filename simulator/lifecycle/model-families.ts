import type { SeededRandom } from '../core/random.js';
import type { ItemKind } from './items.js';
import type { LineageStore } from './lineage-store.js';
import type { Profile } from './profiles.js';
import type { LifecycleRules } from './rules.js';
import { MEMBER_CHILD, MEMBER_DELETED_SUBJECT, MEMBER_NO_CONSENT, MEMBER_REMOVED, MEMBER_TAINT, MEMBER_UNLAWFUL, TrainingSet, type ModelVersion } from './training.js';

/** A member test: the item id of the copy's original, its profile, the kind the family trains on, when the original was made. */
export type MemberTest = (item: number, profile: number, kind: ItemKind, madeAtMs: number) => boolean;

/** The model families the cloud trains: voice recognition on transcripts, a video model on labels. */
const FAMILIES: readonly { name: string; trainsOn: ItemKind }[] = [
  { name: 'voice', trainsOn: 'transcript' },
  { name: 'vision', trainsOn: 'label' },
];

interface Family {
  readonly name: string;
  readonly trainsOn: ItemKind;
  candidates: { item: number; profile: number; flags: number; madeAtMs: number }[];
  versions: ModelVersion[];
  serving: ModelVersion | undefined;
}

/**
 * Training jobs and model versions. Each job takes the family's items made since the last
 * job (a sample of at most `itemsPerJob`), as a training set, and trains a version on every
 * set so far, so its lineage reaches every item it was trained on. A withdrawn version is
 * replaced by a retrain on the same sets without the removed members.
 */
export class ModelFamilies {
  private readonly families: Family[] = FAMILIES.map((f) => ({ ...f, candidates: [], versions: [], serving: undefined }));
  /** Members removed by disgorgement (models.trainingItemsLost) and by verified deletion. */
  trainingItemsLost = 0;
  trainingItemsDeleted = 0;
  /** Items retrained on after withdrawals: what retraining cost. */
  retrainedItems = 0;
  withdrawnVersions = 0;

  constructor(
    private readonly store: LineageStore,
    private readonly random: SeededRandom,
    private readonly rules: NonNullable<LifecycleRules['training']>,
    private readonly itemsPerJob: number,
  ) {}

  offer(kind: ItemKind, item: number, profile: Profile, madeAtMs: number): void {
    for (const family of this.families) {
      if (family.trainsOn !== kind) continue;
      if (this.rules.excludeChildren && profile.child) continue;
      if (this.rules.requireConsent && !profile.trainingConsent) continue;
      family.candidates.push({ item, profile: profile.id, madeAtMs, flags: (profile.child ? MEMBER_CHILD : 0) | (profile.trainingConsent ? 0 : MEMBER_NO_CONSENT) });
    }
  }

  train(nowMs: number): void {
    for (const family of this.families) {
      const pool = family.candidates.filter((c) => this.store.has(c.item));
      family.candidates = [];
      if (pool.length === 0) continue;
      // A partial Fisher–Yates shuffle from the lifecycle's own stream: the sample is seeded.
      const take = Math.min(this.itemsPerJob, pool.length);
      for (let i = 0; i < take; i++) {
        const j = i + Math.floor(this.random.float() * (pool.length - i));
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
      const members = pool.slice(0, take).map((m) => ({ ...m, flags: m.flags | (this.store.unlawfullyReviewed(m.item) ? MEMBER_UNLAWFUL : 0) }));
      const setId = this.store.add({ kind: 'training-set', homeIndex: -1, profile: -1, child: false, trainingConsent: true, createdAtMs: nowMs, source: -1 });
      const set = new TrainingSet(setId, family.name, nowMs, members);
      this.deploy(family, [...(family.serving?.sets ?? []), set], nowMs);
    }
  }

  private deploy(family: Family, sets: readonly TrainingSet[], nowMs: number): ModelVersion {
    const storeId = this.store.add({ kind: 'model-version', homeIndex: -1, profile: -1, child: false, trainingConsent: true, createdAtMs: nowMs, source: sets[sets.length - 1]?.storeId ?? -1 });
    if (family.serving) family.serving.serving = false;
    const version: ModelVersion = { storeId, family: family.name, version: family.versions.length + 1, sets, trainedAtMs: nowMs, trainedOnItems: sets.reduce((n, s) => n + s.size, 0), serving: true, withdrawn: false };
    family.versions.push(version);
    family.serving = version;
    return version;
  }

  /** Withdraws every version whose sets include `changed`, and retrains the serving one on what is left. */
  private withdrawAndRetrain(family: Family, changed: ReadonlySet<TrainingSet>, nowMs: number): void {
    const wasServing = family.serving;
    for (const version of family.versions) {
      if (version.withdrawn || !version.sets.some((s) => changed.has(s))) continue;
      version.withdrawn = true;
      version.serving = false;
      this.store.remove(version.storeId);
      this.withdrawnVersions++;
    }
    if (wasServing && wasServing.withdrawn) {
      family.serving = undefined;
      const retrained = this.deploy(family, wasServing.sets, nowMs);
      this.retrainedItems += retrained.trainedOnItems;
    }
  }

  private removeWhere(test: MemberTest, flagFilter: number, nowMs: number): number {
    let removed = 0;
    for (const family of this.families) {
      const changed = new Set<TrainingSet>();
      for (const set of new Set(family.versions.flatMap((v) => v.sets))) {
        const n = set.mark((i) => (set.flags[i]! & flagFilter) !== 0 || (flagFilter === 0 && test(set.items[i]!, set.profiles[i]!, family.trainsOn, set.madeAtMs[i]!)), MEMBER_REMOVED);
        if (n > 0) changed.add(set);
        removed += n;
      }
      if (changed.size > 0) this.withdrawAndRetrain(family, changed, nowMs);
    }
    return removed;
  }

  /** verified-deletion: the copies go too, and the models trained on them are withdrawn and retrained. */
  removeMembers(test: MemberTest, nowMs: number): void {
    this.trainingItemsDeleted += this.removeWhere(test, 0, nowMs);
  }

  /** Without verified deletion the copies stay, marked: their original's subject asked for deletion. */
  markDeletedSubject(test: MemberTest): void {
    for (const family of this.families) for (const set of new Set(family.versions.flatMap((v) => v.sets))) set.mark((i) => test(set.items[i]!, set.profiles[i]!, family.trainsOn, set.madeAtMs[i]!), MEMBER_DELETED_SUBJECT);
  }

  /** The Ring order's unlawfully reviewed video: the item and any training copy of it. */
  markUnlawful(item: number): void {
    this.store.markUnlawfullyReviewed(item);
    for (const family of this.families) for (const set of new Set(family.versions.flatMap((v) => v.sets))) set.mark((i) => set.items[i] === item, MEMBER_UNLAWFUL);
  }

  /** disgorgement: tainted members out, every version trained on them withdrawn, the serving one retrained. */
  disgorge(nowMs: number): void {
    this.trainingItemsLost += this.removeWhere(() => false, MEMBER_TAINT, nowMs);
  }

  /** Members still in a serving model's lineage that pass `test`. */
  servingMembers(test: MemberTest): number {
    let n = 0;
    for (const family of this.families) {
      const sets = family.serving?.sets ?? [];
      for (const set of sets) n += set.count((i) => test(set.items[i]!, set.profiles[i]!, family.trainsOn, set.madeAtMs[i]!));
    }
    return n;
  }

  /** Versions not withdrawn with a tainted member in their lineage: what an audit would withdraw. */
  taintedVersions(): number {
    return this.families.reduce((n, f) => n + f.versions.filter((v) => !v.withdrawn && v.sets.some((s) => s.tainted() > 0)).length, 0);
  }

  /** Serving versions with a tainted member in their lineage (models.taintedServing). */
  taintedServing(): number {
    return this.families.filter((f) => f.serving?.sets.some((s) => s.tainted() > 0)).length;
  }

  get servingVersions(): readonly ModelVersion[] {
    return this.families.flatMap((f) => (f.serving ? [f.serving] : []));
  }

  get allVersions(): readonly ModelVersion[] {
    return this.families.flatMap((f) => f.versions);
  }
}

export { MEMBER_REMOVED };
