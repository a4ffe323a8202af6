import type { SeededRandom } from '../core/random.js';
import { newSalt, type PasswordHasher } from './password-hasher.js';

export type SecondFactorKind = 'sms' | 'totp';

export interface Account {
  readonly id: string;
  /** 0, 1, 2 … in order of creation: stages keep per-account state in arrays indexed by it. */
  readonly index: number;
  email: string;
  passwordHash: string;
  /** Homes this account may see: its own first, then homes that shared access with it. */
  readonly homeIds: string[];
  /** Second factor the owner enrolled, if any. */
  secondFactor: SecondFactorKind | null;
  /** Base32 TOTP secret (RFC 6238) when secondFactor is 'totp'. */
  totpSecret: string | null;
  /** Bumped on every password change: sessions minted before it are void. */
  credentialEpoch: number;
  createdAtMs: number;
}

export class AccountStoreError extends Error {}

/** Accounts keyed by id and by lower-cased e-mail. */
export class AccountStore {
  private readonly byId = new Map<string, Account>();
  private readonly byEmail = new Map<string, Account>();

  constructor(private readonly hasher: PasswordHasher, private readonly random: SeededRandom) {}

  create(input: { id: string; email: string; password: string; homeIds: string[]; nowMs: number }): Account {
    const email = input.email.toLowerCase();
    if (this.byId.has(input.id)) throw new AccountStoreError(`account id already exists: ${input.id}`);
    if (this.byEmail.has(email)) throw new AccountStoreError(`e-mail already registered: ${email}`);
    const account: Account = {
      id: input.id,
      index: this.byId.size,
      email,
      passwordHash: this.hasher.hash(input.password, newSalt(this.random)),
      homeIds: [...input.homeIds],
      secondFactor: null,
      totpSecret: null,
      credentialEpoch: 0,
      createdAtMs: input.nowMs,
    };
    this.byId.set(account.id, account);
    this.byEmail.set(email, account);
    return account;
  }

  get(id: string): Account | undefined {
    return this.byId.get(id);
  }

  findByEmail(email: string): Account | undefined {
    // Most addresses arrive lower-cased already: try them as they are before building a copy.
    const account = this.byEmail.get(email);
    if (account !== undefined) return account;
    const lower = email.toLowerCase();
    return lower === email ? undefined : this.byEmail.get(lower);
  }

  verifyPassword(account: Account, password: string): boolean {
    return this.hasher.verify(password, account.passwordHash);
  }

  setPassword(account: Account, password: string): void {
    account.passwordHash = this.hasher.hash(password, newSalt(this.random));
    account.credentialEpoch++;
  }

  changeEmail(account: Account, email: string): void {
    const lower = email.toLowerCase();
    if (this.byEmail.has(lower)) throw new AccountStoreError(`e-mail already registered: ${lower}`);
    this.byEmail.delete(account.email);
    account.email = lower;
    this.byEmail.set(lower, account);
  }

  grantHome(account: Account, homeId: string): void {
    if (!account.homeIds.includes(homeId)) account.homeIds.push(homeId);
  }

  get size(): number {
    return this.byId.size;
  }

  all(): IterableIterator<Account> {
    return this.byId.values();
  }
}
