import type { RetentionClass } from './items.js';

/**
 * What the data-layer defences tell the lifecycle (simulator/lifecycle/data-lifecycle.ts).
 * A DataPolicy carries these as its optional `lifecycle` member; the lifecycle merges every
 * installed policy's rules once, when it starts. With none installed the cloud behaves as
 * Amazon's did before the 2023 order (docs/data-lifecycle.md, "Without defences").
 */
export interface LifecycleRules {
  /** verified-deletion: a request cascades along lineage to derived items, training copies, models and backups. */
  readonly deletion?: { readonly completeWithinMs: number };
  /** retention: a TTL per class (absent: kept indefinitely), checked every `sweepEveryMs`. */
  readonly retention?: { readonly ttlMs: Partial<Record<RetentionClass, number>>; readonly sweepEveryMs: number };
  /** inactive-child-purge: child profiles inactive `inactiveMs` are found and purged within `purgeWithinMs` unless kept. */
  readonly childPurge?: { readonly inactiveMs: number; readonly purgeWithinMs: number; readonly sweepEveryMs: number };
  /** no-training-on-children / training-consent: items a training job must leave out. */
  readonly training?: { readonly excludeChildren?: boolean; readonly requireConsent?: boolean };
  /** disgorgement: models reaching tainted data are withdrawn and retrained without it, checked every `auditEveryMs`. */
  readonly disgorgement?: { readonly auditEveryMs: number };
}

/** Later policies add to earlier ones; two policies setting the same rule: the stricter (shorter) figure wins. */
export function mergeRules(all: readonly (LifecycleRules | undefined)[]): LifecycleRules {
  let merged: { -readonly [K in keyof LifecycleRules]: LifecycleRules[K] } = {};
  for (const rules of all) {
    if (!rules) continue;
    if (rules.deletion) merged.deletion = { completeWithinMs: Math.min(rules.deletion.completeWithinMs, merged.deletion?.completeWithinMs ?? Infinity) };
    if (rules.retention) {
      const ttlMs: Partial<Record<RetentionClass, number>> = { ...merged.retention?.ttlMs };
      for (const [cls, ttl] of Object.entries(rules.retention.ttlMs) as [RetentionClass, number][]) ttlMs[cls] = Math.min(ttl, ttlMs[cls] ?? Infinity);
      merged.retention = { ttlMs, sweepEveryMs: Math.min(rules.retention.sweepEveryMs, merged.retention?.sweepEveryMs ?? Infinity) };
    }
    if (rules.childPurge) merged.childPurge = rules.childPurge;
    if (rules.training) merged.training = { ...merged.training, ...rules.training };
    if (rules.disgorgement) merged.disgorgement = rules.disgorgement;
    merged = { ...merged };
  }
  return merged;
}
