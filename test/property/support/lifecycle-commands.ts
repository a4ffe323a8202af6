import fc from 'fast-check';
import { Cloud } from '../../../simulator/cloud/cloud.js';
import { DAY_MS } from '../../../simulator/core/duration.js';
import { World } from '../../../simulator/core/world.js';
import { installDefenses, type DefenseSpec } from '../../../simulator/defenses/index.js';
import { lifecycleFor } from '../../../simulator/lifecycle/build.js';
import type { DataLifecycle } from '../../../simulator/lifecycle/data-lifecycle.js';
import { STORES } from '../../../simulator/lifecycle/items.js';
import type { DataRequest, DeletionReceipt } from '../../../simulator/lifecycle/requests.js';

/**
 * The data lifecycle against a model (INV-DATA-1, docs/data-lifecycle.md). The model keeps
 * what was asked: each accepted deletion's receipt. The invariant, checked by Query: once a
 * receipt's stated time has passed, no store holds an item of its scope, no stored item
 * about its subject of the kinds it named made before it was asked, and no serving model was
 * trained on any of it.
 */
export interface LifecycleModel {
  nowMs: number;
  receipts: DeletionReceipt[];
}

export interface LifecycleReal {
  world: World;
  lifecycle: DataLifecycle;
}

/** Two households: an adult and a child in home 0, an adult in home 1 (profiles 0, 1, 2). */
export function lifecycleWorld(seed: number, defenses: DefenseSpec): LifecycleReal {
  const world = new World({ seed });
  const cloud = new Cloud(world);
  installDefenses(cloud, world, defenses);
  // Small figures so a few commands reach every job: backups kept 10 days, 100 items a job.
  const lifecycle = lifecycleFor(world, cloud.data, { backupKeptMs: 10 * DAY_MS, trainItemsPerJob: 100 });
  lifecycle.addProfile(0, false, 40, true);
  lifecycle.addProfile(0, true, 7, false);
  lifecycle.addProfile(1, false, 35, true);
  return { world, lifecycle };
}

export function advance(world: World, ms: number): void {
  const end = world.now() + ms;
  while (world.scheduler.runNext(end)) {
    /* every due task runs */
  }
  world.scheduler.advanceTo(end);
}

export type Violation = { readonly receipt: DeletionReceipt; readonly store: string; readonly item: number } | { readonly receipt: DeletionReceipt; readonly model: number };

/** Everything that breaks INV-DATA-1 now. */
export function violations(real: LifecycleReal, receipts: readonly DeletionReceipt[]): Violation[] {
  const now = real.world.now();
  const out: Violation[] = [];
  const { store, models } = real.lifecycle;
  for (const receipt of receipts) {
    if (receipt.completeByMs > now) continue;
    const check = real.lifecycle.verifyReceipt(receipt);
    for (const id of receipt.scope) if (store.has(id)) out.push({ receipt, store: store.isBackup(id) ? 'backup' : store.kindOf(id)!, item: id });
    if (receipt.profileWide) {
      for (const profile of receipt.profiles) {
        for (const id of store.itemsOf(profile)) {
          const item = store.view(id)!;
          if (receipt.kinds.includes(item.kind) && item.createdAtMs < receipt.requestedAtMs && !item.backup) out.push({ receipt, store: item.backup ? 'backup' : item.kind, item: id });
        }
      }
    }
    if (check.servingModelDependencies > 0) out.push({ receipt, model: models.servingVersions[0]?.storeId ?? -1 });
  }
  return out;
}

type Cmd = fc.Command<LifecycleModel, LifecycleReal>;

const profileArb = fc.integer({ min: 0, max: 2 });

class RecordVoice implements Cmd {
  constructor(readonly profile: number) {}
  check = () => true;
  run(_m: LifecycleModel, r: LifecycleReal): void {
    r.lifecycle.voiceActivation(this.profile);
  }
  toString = () => `RecordVoice(${this.profile})`;
}

class RecordLocation implements Cmd {
  constructor(readonly profile: number) {}
  check = () => true;
  run(_m: LifecycleModel, r: LifecycleReal): void {
    r.lifecycle.record('location', this.profile);
  }
  toString = () => `RecordLocation(${this.profile})`;
}

/** A camera clip, its thumbnail, and a label of the labelling job. */
class DeriveFromClip implements Cmd {
  constructor(readonly profile: number) {}
  check = () => true;
  run(_m: LifecycleModel, r: LifecycleReal): void {
    const clip = r.lifecycle.record('clip', this.profile);
    if (clip === undefined) return;
    r.lifecycle.derive(clip, 'thumbnail');
    r.lifecycle.derive(clip, 'label');
  }
  toString = () => `DeriveFromClip(${this.profile})`;
}

class Train implements Cmd {
  check = () => true;
  run(_m: LifecycleModel, r: LifecycleReal): void {
    r.lifecycle.train();
  }
  toString = () => 'Train';
}

class BackUp implements Cmd {
  check = () => true;
  run(_m: LifecycleModel, r: LifecycleReal): void {
    r.lifecycle.backUp();
  }
  toString = () => 'BackUp';
}

class RequestDeletion implements Cmd {
  constructor(readonly type: 'delete-recording' | 'delete-voice-history' | 'delete-location-history' | 'delete-child-profile' | 'delete-account', readonly profile: number) {}
  check = () => true;
  run(m: LifecycleModel, r: LifecycleReal): void {
    const { lifecycle } = r;
    let request: DataRequest;
    if (this.type === 'delete-recording') {
      const recording = lifecycle.store.itemsOf(this.profile).find((id) => lifecycle.store.kindOf(id) === 'voice-recording' && !lifecycle.store.isBackup(id));
      request = { type: 'delete-recording', itemId: recording ?? 123_456 };
    } else if (this.type === 'delete-account') request = { type: 'delete-account', homeIndex: lifecycle.profiles.get(this.profile)!.homeIndex };
    else request = { type: this.type, profile: this.profile };
    const answer = lifecycle.request(request);
    if (answer.ok && answer.receipt) m.receipts.push(answer.receipt);
    assertNoLeak(m, r);
  }
  toString = () => `RequestDeletion(${this.type}, ${this.profile})`;
}

class AdvanceTime implements Cmd {
  constructor(readonly days: number) {}
  check = () => true;
  run(m: LifecycleModel, r: LifecycleReal): void {
    advance(r.world, this.days * DAY_MS);
    m.nowMs = r.world.now();
    assertNoLeak(m, r);
  }
  toString = () => `AdvanceTime(${this.days}d)`;
}

/** Throws with the first leak, the queried store's first. */
export function assertNoLeak(m: LifecycleModel, r: LifecycleReal, store = 'any'): void {
  const found = violations(r, m.receipts);
  if (found.length === 0) return;
  const v = found.find((x) => ('store' in x ? x.store === store : store === 'model-version')) ?? found[0]!;
  throw new Error(`INV-DATA-1: after ${v.receipt.type} (completeBy ${v.receipt.completeByMs} ms, now ${r.world.now()} ms) ${'store' in v ? `the ${v.store} store still holds item ${v.item}` : `serving model ${v.model} was trained on it`}`);
}

/** Reads one store and checks the invariant over every store (a query of any store is a read the invariant covers). */
class Query implements Cmd {
  constructor(readonly store: string) {}
  check = () => true;
  run(m: LifecycleModel, r: LifecycleReal): void {
    assertNoLeak(m, r, this.store);
  }
  toString = () => `Query(${this.store})`;
}

export function lifecycleCommands(): fc.Arbitrary<Iterable<Cmd>> {
  return fc.commands(
    [
      profileArb.map((p) => new RecordVoice(p)),
      profileArb.map((p) => new RecordLocation(p)),
      profileArb.map((p) => new DeriveFromClip(p)),
      fc.constant(new Train()),
      fc.constant(new BackUp()),
      fc.tuple(fc.constantFrom('delete-recording', 'delete-voice-history', 'delete-location-history', 'delete-child-profile', 'delete-account') as fc.Arbitrary<RequestDeletion['type']>, profileArb).map(([t, p]) => new RequestDeletion(t, p)),
      fc.integer({ min: 1, max: 40 }).map((d) => new AdvanceTime(d)),
      fc.constantFrom('any', ...STORES, 'model-version').map((s) => new Query(s)),
    ],
    { maxCommands: 40 },
  );
}
