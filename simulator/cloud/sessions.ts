import type { SeededRandom } from '../core/random.js';
import type { SecretSource } from '../core/secret-source.js';
import { DAY_MS } from '../core/duration.js';
import type { Account, AccountStore } from './accounts.js';

import type { Principal } from '../core/principals.js';

/** Who holds a session: a label from the principal catalogue (core/principals.ts). */
export type { Principal };

export interface Session {
  /** 128 bits from the world's secret source, hex (OWASP ASVS 3.2.2: at least 64 bits of entropy). */
  readonly token: string;
  /** Public handle for logs and audit trails (never the token itself). */
  readonly id: string;
  readonly accountId: string;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  /** Where the login came from; login alerts compare these. */
  readonly ip: string;
  readonly clientFingerprint: string;
  /** Ground truth for metrics only: who really holds this session. Defences never read it. */
  readonly heldBy: Principal;
  readonly credentialEpoch: number;
  revoked: boolean;
}

/** Default session lifetime: 30 days, as consumer camera apps keep users signed in. */
export const DEFAULT_SESSION_TTL_MS = 30 * DAY_MS;

export type RevocationListener = (session: Session) => void;

export class SessionStore {
  private readonly byToken = new Map<string, Session>();
  private readonly byId = new Map<string, Session>();
  private readonly byAccount = new Map<string, Set<Session>>();
  private readonly revocationListeners: RevocationListener[] = [];

  constructor(
    private readonly accounts: AccountStore,
    /** Draws every session's token, then its id: the order is part of every seeded run's log. */
    private readonly random: SeededRandom,
    private readonly secrets: SecretSource,
    private readonly now: () => number,
    readonly ttlMs: number = DEFAULT_SESSION_TTL_MS,
  ) {}

  mint(account: Account, from: { ip: string; clientFingerprint: string; heldBy: Principal }): Session {
    const nowMs = this.now();
    const session: Session = {
      // Through the secret source, which draws from `random` either way: ids stay put (secret-source.ts).
      token: this.secrets.hex(this.random, 16),
      id: this.random.hex(8),
      accountId: account.id,
      createdAtMs: nowMs,
      expiresAtMs: nowMs + this.ttlMs,
      ip: from.ip,
      clientFingerprint: from.clientFingerprint,
      heldBy: from.heldBy,
      credentialEpoch: account.credentialEpoch,
      revoked: false,
    };
    this.byToken.set(session.token, session);
    this.byId.set(session.id, session);
    let set = this.byAccount.get(account.id);
    if (!set) this.byAccount.set(account.id, (set = new Set()));
    set.add(session);
    return session;
  }

  /** The live session for `token`, or undefined if unknown, revoked, expired or pre-dating a password change. */
  validate(token: string): Session | undefined {
    const session = this.byToken.get(token);
    if (!session || session.revoked) return undefined;
    if (this.now() >= session.expiresAtMs) return undefined;
    const account = this.accounts.get(session.accountId);
    if (!account || account.credentialEpoch !== session.credentialEpoch) return undefined;
    return session;
  }

  /** A session by its public id, live or not (audit trails, metrics). */
  byPublicId(id: string): Session | undefined {
    return this.byId.get(id);
  }

  /** Sessions of an account that still validate. */
  live(accountId: string): Session[] {
    return [...(this.byAccount.get(accountId) ?? [])].filter((s) => this.validate(s.token) !== undefined);
  }

  revoke(session: Session): void {
    if (session.revoked) return;
    session.revoked = true;
    this.byAccount.get(session.accountId)?.delete(session);
    for (const listener of this.revocationListeners) listener(session);
  }

  /** Revokes every session of the account; returns how many were live. */
  revokeAll(accountId: string): number {
    let live = 0;
    for (const session of [...(this.byAccount.get(accountId) ?? [])]) {
      if (this.validate(session.token)) live++;
      this.revoke(session);
    }
    return live;
  }

  /** Told of every revocation (the broker disconnects clients that used the token). */
  onRevoke(listener: RevocationListener): void {
    this.revocationListeners.push(listener);
  }
}
