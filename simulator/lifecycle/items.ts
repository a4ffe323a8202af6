/**
 * What the cloud stores about a household, one kind per store (docs/data-lifecycle.md,
 * "Lineage"). Each kind has a retention class: the unit a TTL is set for. A backup copy
 * keeps its original's kind and lives in the backup store, under the `backup` class.
 */
export const ITEM_KINDS = [
  'voice-recording',
  'transcript',
  'intent',
  'location',
  'clip',
  'thumbnail',
  'label',
  'training-set',
  'model-version',
  'analytics-aggregate',
] as const;

export type ItemKind = (typeof ITEM_KINDS)[number];

export const RETENTION_CLASSES = ['voice', 'location', 'video', 'derived', 'training', 'backup'] as const;
export type RetentionClass = (typeof RETENTION_CLASSES)[number];

/** Which class each kind is kept under: a voice request's transcript is voice data, as the Alexa complaint treats it. */
export const RETENTION_CLASS_OF: Readonly<Record<ItemKind, RetentionClass>> = {
  'voice-recording': 'voice',
  transcript: 'voice',
  intent: 'voice',
  location: 'location',
  clip: 'video',
  thumbnail: 'video',
  label: 'video',
  'training-set': 'training',
  'model-version': 'training',
  'analytics-aggregate': 'derived',
};

/** Kinds a household's own request may name, and the kinds "voice history" or "location history" mean. */
export const VOICE_KINDS: readonly ItemKind[] = ['voice-recording', 'transcript', 'intent'];
export const LOCATION_KINDS: readonly ItemKind[] = ['location'];
/** Stores a query may name: one per kind, and the backup store, which holds copies of any kind. */
export const STORES = [...ITEM_KINDS, 'backup'] as const;
export type StoreName = (typeof STORES)[number];

export const KIND_CODE: Readonly<Record<ItemKind, number>> = Object.fromEntries(ITEM_KINDS.map((k, i) => [k, i])) as Record<ItemKind, number>;

/** A stored item as a caller sees it (the store keeps columns, not these). */
export interface ItemView {
  readonly id: number;
  readonly kind: ItemKind;
  readonly homeIndex: number;
  /** The profile it is about, or -1 for a home-level item (an aggregate). */
  readonly profile: number;
  readonly child: boolean;
  /** Made under consent to use it for training. */
  readonly trainingConsent: boolean;
  readonly createdAtMs: number;
  /** A copy in the backup store, of an item of `kind`. */
  readonly backup: boolean;
  /** The item it was derived from (or the original, for a backup copy), -1 for none or gone. */
  readonly source: number;
}
