import type { Cloud } from '../cloud/cloud.js';
import { isHostile } from '../core/principals.js';

interface Hold {
  sinceMs: number;
  holding: boolean;
  totalMs: number;
}

/**
 * How long hostile principals (attackers, insiders: core/principals.ts) held each account
 * (dwell time). A hostile login opens a hold; it closes when a revocation or password change
 * leaves the account with no live hostile session (ground truth `heldBy`, read only to score
 * the run); holds still open at the end of the run count up to then. A later hostile login
 * reopens it.
 */
export class AccessTracker {
  private readonly holds = new Map<string, Hold>();
  lost = 0;

  constructor(private readonly cloud: Cloud) {}

  gained(accountId: string, atMs: number): void {
    const hold = this.holds.get(accountId);
    if (!hold) this.holds.set(accountId, { sinceMs: atMs, holding: true, totalMs: 0 });
    else if (!hold.holding) {
      hold.holding = true;
      hold.sinceMs = atMs;
    }
  }

  revoked(accountId: string, atMs: number): void {
    const hold = this.holds.get(accountId);
    if (!hold || !hold.holding) return;
    if (this.cloud.sessions.live(accountId).some((s) => isHostile(s.heldBy))) return;
    hold.holding = false;
    hold.totalMs += atMs - hold.sinceMs;
    this.lost++;
  }

  /** Accounts ever held. */
  get accounts(): number {
    return this.holds.size;
  }

  totalHeldMs(nowMs: number): number {
    let total = 0;
    for (const hold of this.holds.values()) total += hold.totalMs + (hold.holding ? nowMs - hold.sinceMs : 0);
    return total;
  }
}
