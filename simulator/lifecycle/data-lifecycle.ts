import type { World } from '../core/world.js';
import type { SeededRandom } from '../core/random.js';
import { LineageStore } from './lineage-store.js';
import { LOCATION_KINDS, RETENTION_CLASS_OF, RETENTION_CLASSES, VOICE_KINDS, type ItemKind, type RetentionClass } from './items.js';
import { ProfileTable, type Profile } from './profiles.js';
import type { DataRequest, DeletionReceipt, ReceiptCheck, RequestAnswer } from './requests.js';
import { mergeRules, type LifecycleRules } from './rules.js';
import { FifoIds } from './fifo-ids.js';
import { ModelFamilies, type MemberTest } from './model-families.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    'data.request': { request: string; subject: string; outcome: string; reason: string; items: number; completeByMs: number };
    'data.child-profile-purged': { profile: number; homeIndex: number; inactiveDays: number };
    'data.retention-swept': { removed: number };
  }
}

export interface LifecycleOptions {
  /** Rules from the installed data policies (cloud.data.policies' `lifecycle` members). */
  readonly rules?: readonly (LifecycleRules | undefined)[];
  /** How often new items are copied to the backup store (an assumption: daily incremental backups). */
  readonly backupEveryMs: number;
  /** How long a backup copy is kept without any policy (an assumption: 35-day rotation, a common snapshot schedule). */
  readonly backupKeptMs: number;
  /** Training job period and size (an assumption: weekly jobs on a sample). */
  readonly trainEveryMs: number;
  readonly trainItemsPerJob: number;
}

/**
 * The data's whole life in the cloud: items and their lineage (LineageStore), profiles,
 * backups with their own delay, training jobs and model versions (ModelFamilies), requests
 * and the rules the data-layer defences set. Without rules it does what the Alexa complaint
 * describes: a deletion removes the named recordings' primary copies and nothing else.
 */
export class DataLifecycle {
  readonly store = new LineageStore();
  readonly profiles = new ProfileTable();
  readonly rules: LifecycleRules;
  readonly models: ModelFamilies;
  private readonly byClass = new Map<RetentionClass, FifoIds>(RETENTION_CLASSES.map((c) => [c, new FifoIds()]));
  private readonly toBackUp = new FifoIds();
  private nextRequestId = 1;
  readonly receipts: DeletionReceipt[] = [];
  /** Primary counts of what has been made, by kind (storage held is store.liveByKind). */
  readonly made = new Map<ItemKind, number>();
  refusedRequests = 0;
  purgedChildProfiles = 0;

  constructor(readonly world: World, readonly options: LifecycleOptions, random: SeededRandom = world.rng('lifecycle/training')) {
    this.rules = mergeRules(options.rules ?? []);
    for (const [cls, ttl] of Object.entries(this.rules.retention?.ttlMs ?? {})) {
      if (!(ttl! >= 0)) throw new RangeError(`retention.ttlMs.${cls} must be >= 0, got ${ttl}`);
    }
    this.models = new ModelFamilies(this.store, random, this.rules.training ?? {}, options.trainItemsPerJob);
  }

  /** Schedules the periodic jobs: backups, training, retention, child purge, disgorgement audits. */
  start(): void {
    const s = this.world.scheduler;
    s.every(this.options.backupEveryMs, () => this.backUp());
    s.every(this.options.trainEveryMs, () => this.train());
    if (this.rules.retention) s.every(this.rules.retention.sweepEveryMs, () => this.sweepRetention());
    if (this.rules.childPurge) s.every(this.rules.childPurge.sweepEveryMs, () => this.sweepInactiveChildren());
    if (this.rules.disgorgement) s.every(this.rules.disgorgement.auditEveryMs, () => this.models.disgorge(this.world.now()));
  }

  addProfile(homeIndex: number, child: boolean, ageYears: number, trainingConsent: boolean): Profile {
    return this.profiles.add(homeIndex, child, ageYears, trainingConsent, this.world.now());
  }

  private add(kind: ItemKind, profile: Profile, source: number): number {
    const id = this.store.add({ kind, homeIndex: profile.homeIndex, profile: profile.id, child: profile.child, trainingConsent: profile.trainingConsent, createdAtMs: this.world.now(), source });
    this.byClass.get(RETENTION_CLASS_OF[kind])!.push(id);
    this.toBackUp.push(id);
    this.made.set(kind, (this.made.get(kind) ?? 0) + 1);
    this.models.offer(kind, id, profile, this.world.now());
    return id;
  }

  /** A primary item about `profileId` (a recording, a location ping, a clip); undefined for a deleted or unknown profile. */
  record(kind: ItemKind, profileId: number): number | undefined {
    const profile = this.profiles.get(profileId);
    if (!profile || profile.deletedAtMs !== undefined) return undefined;
    if (kind === 'voice-recording') profile.lastActiveMs = this.world.now();
    return this.add(kind, profile, -1);
  }

  /** An item derived from `sourceId` (transcript from recording, intent from transcript, thumbnail from clip), same subject. */
  derive(sourceId: number, kind: ItemKind): number | undefined {
    const source = this.store.view(sourceId);
    if (!source || source.backup) return undefined;
    const profile = this.profiles.get(source.profile);
    if (!profile) return undefined;
    return this.add(kind, profile, sourceId);
  }

  /** One wake-word activation: the recording, its transcript and the intent parsed from it. */
  voiceActivation(profileId: number): number | undefined {
    const recording = this.record('voice-recording', profileId);
    if (recording === undefined) return undefined;
    const transcript = this.derive(recording, 'transcript')!;
    this.derive(transcript, 'intent');
    return recording;
  }

  /** Copies every item made since the last backup that still exists; copies live `backupKeptMs`. */
  backUp(): number {
    let copied = 0;
    for (const id of this.toBackUp.drain()) {
      const item = this.store.view(id);
      if (!item) continue;
      const copy = this.store.add({ ...item, createdAtMs: this.world.now(), source: id, backup: true });
      this.byClass.get('backup')!.push(copy);
      copied++;
    }
    // Without a retention rule for backups, rotation still drops copies older than backupKeptMs.
    this.expire('backup', this.rules.retention?.ttlMs.backup ?? this.options.backupKeptMs);
    return copied;
  }

  train(): void {
    this.models.train(this.world.now());
  }

  private expire(cls: RetentionClass, ttlMs: number): number {
    const now = this.world.now();
    return this.byClass.get(cls)!.dropWhile((id) => {
      const created = this.store.createdAtOf(id);
      if (Number.isNaN(created)) return true;
      if (created + ttlMs > now) return false;
      this.store.remove(id);
      return true;
    });
  }

  sweepRetention(): void {
    let removed = 0;
    for (const [cls, ttl] of Object.entries(this.rules.retention?.ttlMs ?? {}) as [RetentionClass, number][]) removed += this.expire(cls, ttl);
    this.world.log.emit('data.retention-swept', { removed });
  }

  sweepInactiveChildren(): void {
    const rule = this.rules.childPurge!;
    const now = this.world.now();
    for (const profile of this.profiles) {
      if (!profile.child || profile.keptByParent || profile.deletedAtMs !== undefined) continue;
      if (now - profile.lastActiveMs < rule.inactiveMs) continue;
      this.deleteProfile(profile, 'inactive-child');
      this.purgedChildProfiles++;
      this.world.log.emit('data.child-profile-purged', { profile: profile.id, homeIndex: profile.homeIndex, inactiveDays: Math.floor((now - profile.lastActiveMs) / 86_400_000) });
    }
  }

  /** Answers one request; a refused request changes nothing. */
  request(request: DataRequest): RequestAnswer {
    const answer = this.answer(request);
    const subject = request.type === 'delete-recording' ? `item:${request.itemId}` : request.type === 'delete-account' ? `home:${request.homeIndex}` : `profile:${request.profile}`;
    if (!answer.ok) this.refusedRequests++;
    this.world.log.emit('data.request', {
      request: request.type,
      subject,
      outcome: answer.ok ? 'ok' : 'refused',
      reason: answer.ok ? '' : answer.reason,
      items: answer.ok ? (answer.receipt?.scope.length ?? 0) : 0,
      completeByMs: answer.ok ? (answer.receipt?.completeByMs ?? this.world.now()) : this.world.now(),
    });
    return answer;
  }

  private liveProfile(id: number, mustBeChild = false): Profile | string {
    const profile = this.profiles.get(id);
    if (!profile) return `unknown subject: no profile ${id}`;
    if (profile.deletedAtMs !== undefined) return `profile ${id} is already deleted`;
    if (mustBeChild && !profile.child) return `profile ${id} is not a child profile`;
    return profile;
  }

  private answer(request: DataRequest): RequestAnswer {
    switch (request.type) {
      case 'delete-recording': {
        const item = this.store.view(request.itemId);
        if (!item || item.backup || item.kind !== 'voice-recording') return { ok: false, reason: `unknown subject or already deleted: no stored voice recording ${request.itemId}` };
        return { ok: true, receipt: this.delete(request.type, [item.profile], VOICE_KINDS, [request.itemId], false) };
      }
      case 'delete-voice-history':
      case 'delete-location-history': {
        const profile = this.liveProfile(request.profile);
        if (typeof profile === 'string') return { ok: false, reason: profile };
        const kinds = request.type === 'delete-voice-history' ? VOICE_KINDS : LOCATION_KINDS;
        const named = this.store.itemsOf(profile.id).filter((id) => kinds.includes(this.store.kindOf(id)!));
        return { ok: true, receipt: this.delete(request.type, [profile.id], kinds, named, true) };
      }
      case 'delete-child-profile': {
        const profile = this.liveProfile(request.profile, true);
        if (typeof profile === 'string') return { ok: false, reason: profile };
        return { ok: true, receipt: this.deleteProfile(profile, 'request') };
      }
      case 'delete-account': {
        if (!this.profiles.hasHome(request.homeIndex)) return { ok: false, reason: `unknown subject: no household ${request.homeIndex}` };
        const live = this.profiles.ofHome(request.homeIndex).map((id) => this.profiles.get(id)!).filter((p) => p.deletedAtMs === undefined);
        if (live.length === 0) return { ok: false, reason: `household ${request.homeIndex} is already deleted` };
        const receipts = live.map((p) => this.deleteProfile(p, 'account'));
        return { ok: true, receipt: { ...receipts[0]!, type: 'delete-account', profiles: live.map((p) => p.id), scope: receipts.flatMap((r) => r.scope) } };
      }
      case 'keep-child-profile': {
        const profile = this.liveProfile(request.profile, true);
        if (typeof profile === 'string') return { ok: false, reason: profile };
        if (profile.keptByParent) return { ok: false, reason: `profile ${profile.id} is already kept` };
        profile.keptByParent = true;
        return { ok: true };
      }
    }
  }

  private deleteProfile(profile: Profile, because: string): DeletionReceipt {
    const all = this.store.itemsOf(profile.id);
    profile.deletedAtMs = this.world.now();
    profile.deletedBecause = because;
    // The purge deletes the profile's data itself (the order's words), with or without verified-deletion.
    return this.delete('delete-child-profile', [profile.id], ALL_SUBJECT_KINDS, all, true, because === 'inactive-child');
  }

  /**
   * Deletes `named` items (for a request about a whole profile, its backup copies are named too). Without verified-deletion: only voice recordings and
   * clips go (what the Alexa complaint found: transcripts, location and backups stayed, and
   * the training copies). With it: every descendant and backup copy, the training copies,
   * and the models trained on them are withdrawn and retrained; backups by `completeWithinMs`.
   */
  private delete(type: DataRequest['type'], profiles: readonly number[], kinds: readonly ItemKind[], named: readonly number[], profileWide: boolean, cascade = false): DeletionReceipt {
    const now = this.world.now();
    const verified = cascade || this.rules.deletion !== undefined;
    const scope = new Set<number>();
    for (const id of named) for (const d of this.store.descendantsOf(id)) scope.add(d);
    const scopeIds = [...scope];
    const completeByMs = verified ? now + (this.rules.deletion?.completeWithinMs ?? 0) : now;
    const inScope = memberTestOf(scope, profiles, kinds, profileWide);
    if (verified) {
      const backups: number[] = [];
      for (const id of scopeIds) {
        if (this.store.isBackup(id)) backups.push(id);
        else this.store.remove(id);
      }
      // Backups are rewritten on their own cycle: the copies go by the stated time, not at once.
      if (backups.length > 0) this.world.scheduler.at(completeByMs, () => backups.forEach((id) => this.store.remove(id)));
      this.models.removeMembers(inScope, now);
    } else {
      for (const id of named) {
        const kind = this.store.kindOf(id);
        if ((kind === 'voice-recording' || kind === 'clip') && !this.store.isBackup(id)) this.store.remove(id);
      }
      this.models.markDeletedSubject(inScope);
    }
    const receipt: DeletionReceipt = { requestId: this.nextRequestId++, type, profiles, kinds, requestedAtMs: now, completeByMs, scope: scopeIds, verified, profileWide };
    this.receipts.push(receipt);
    return receipt;
  }

  /** What is left of a request's scope now: by store, and in serving models. */
  verifyReceipt(receipt: DeletionReceipt): ReceiptCheck {
    const residualByStore: Record<string, number> = {};
    let residualItems = 0;
    for (const id of receipt.scope) {
      const item = this.store.view(id);
      if (!item) continue;
      residualItems++;
      const name = item.backup ? 'backup' : item.kind;
      residualByStore[name] = (residualByStore[name] ?? 0) + 1;
    }
    const reached = memberTestOf(new Set(receipt.scope), receipt.profiles, receipt.kinds, receipt.profileWide);
    // Copies of what the subject made after asking are not the request's business.
    const servingModelDependencies = this.models.servingMembers((item, profile, kind, madeAtMs) => madeAtMs < receipt.requestedAtMs && reached(item, profile, kind, madeAtMs));
    const total = receipt.scope.length;
    return { residualItems, residualByStore, residualShare: total === 0 ? 0 : residualItems / total, servingModelDependencies };
  }
}

/**
 * Which training copies a request reaches: copies of items in its scope, and for a request
 * about a whole profile (its voice history, the profile, the account) every copy of that
 * profile's items of the kinds it names, even of originals retention already removed.
 */
function memberTestOf(scope: ReadonlySet<number>, profiles: readonly number[], kinds: readonly ItemKind[], profileWide: boolean): MemberTest {
  const subjects = new Set(profiles);
  return (item, profile, kind) => scope.has(item) || (profileWide && subjects.has(profile) && kinds.includes(kind));
}

/** Every kind a profile's items may be (a profile deletion names them all). */
const ALL_SUBJECT_KINDS: readonly ItemKind[] = ['voice-recording', 'transcript', 'intent', 'location', 'clip', 'thumbnail', 'label'];
