import type { ItemKind } from './items.js';

/** What an owner's app or the cloud API may ask of the lifecycle (docs/data-lifecycle.md, "Requests"). */
export type DataRequest =
  | { readonly type: 'delete-recording'; readonly itemId: number }
  | { readonly type: 'delete-voice-history'; readonly profile: number }
  | { readonly type: 'delete-location-history'; readonly profile: number }
  | { readonly type: 'delete-child-profile'; readonly profile: number }
  | { readonly type: 'delete-account'; readonly homeIndex: number }
  | { readonly type: 'keep-child-profile'; readonly profile: number };

export type DataRequestType = DataRequest['type'];

/**
 * What a completed deletion request leaves behind: enough to check it later (verifyReceipt).
 * `completeByMs` is the stated time; before it, backup copies may still exist.
 */
export interface DeletionReceipt {
  readonly requestId: number;
  readonly type: DataRequestType;
  readonly profiles: readonly number[];
  readonly kinds: readonly ItemKind[];
  readonly requestedAtMs: number;
  readonly completeByMs: number;
  /** Item ids (primary and backup) in scope when it was asked. */
  readonly scope: readonly number[];
  /** True when the cascade along lineage ran (verified-deletion installed). */
  readonly verified: boolean;
  /** About a whole profile (its history, the profile, the account), not one recording. */
  readonly profileWide: boolean;
}

export type RequestAnswer = { readonly ok: true; readonly receipt?: DeletionReceipt } | { readonly ok: false; readonly reason: string };

export interface ReceiptCheck {
  /** Items of the scope still stored, in any store. */
  readonly residualItems: number;
  readonly residualByStore: Readonly<Record<string, number>>;
  /** residualItems over the scope's size (0 for an empty scope). */
  readonly residualShare: number;
  /** Training-set members about the request's profiles still in a serving model's lineage. */
  readonly servingModelDependencies: number;
}
