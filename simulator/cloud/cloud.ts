import type { EventTypes } from '../core/event-log.js';
import type { World } from '../core/world.js';
import { AccountStore, type Account } from './accounts.js';
import { DeviceRegistry } from './device-registry.js';
import { LoginPipeline, type LoginAttempt, type LoginResult } from './login-pipeline.js';
import { SimulatedHasher, ScryptHasher, type PasswordHasher } from './password-hasher.js';
import { DataGate } from './data-gate.js';
import { RecordingStore } from './recordings.js';
import { DEFAULT_SESSION_TTL_MS, SessionStore } from './sessions.js';
import { StaffAccessGate } from './staff-access.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    'cloud.login': { accountId: string | null; ip: string; actor: string; outcome: string; reason: string; stage: string };
    'cloud.password-changed': { accountId: string; by: string; sessionsRevoked: number };
    'cloud.sessions-revoked': { accountId: string; by: string; count: number };
    'cloud.email-changed': { accountId: string; by: string };
    'cloud.shared-user-added': { homeId: string; accountId: string; by: string };
  }
}

export interface CloudOptions {
  /** 'simulated' (default): a cheap verifier charged scrypt's cost in virtual time; 'scrypt': the real thing. */
  hasher?: 'simulated' | 'scrypt';
  sessionTtlMs?: number;
}

/**
 * The simulated vendor back end: accounts, sessions, the device registry, recordings, and
 * three of the choke points defences plug into: login, data and staff access (the fourth,
 * the broker, is the broker's).
 */
export class Cloud {
  readonly hasher: PasswordHasher;
  readonly accounts: AccountStore;
  readonly sessions: SessionStore;
  readonly devices: DeviceRegistry;
  readonly recordings = new RecordingStore();
  readonly login: LoginPipeline;
  /** The data choke point: every write and read of stored clips (data-gate.ts). */
  readonly data: DataGate;
  /** The staff-access choke point: every request of the staff console (staff-access.ts). */
  readonly staffAccess: StaffAccessGate;

  constructor(readonly world: World, options: CloudOptions = {}) {
    this.hasher = options.hasher === 'scrypt' ? new ScryptHasher() : new SimulatedHasher();
    const now = () => world.now();
    this.accounts = new AccountStore(this.hasher, world.rng('cloud/salts'));
    this.sessions = new SessionStore(this.accounts, world.rng('cloud/sessions'), world.secrets, now, options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS);
    this.devices = new DeviceRegistry(world.rng('cloud/device-credentials'), world.secrets);
    this.login = new LoginPipeline(this.accounts, this.sessions, this.hasher, now);
    this.data = new DataGate(this.recordings, world.log);
    this.staffAccess = new StaffAccessGate(this.data, world.log);
    // One fields object for every 'cloud.login' (emit serialises it and copies it for listeners
    // before it returns): no record and no fields object per login request.
    const fields: EventTypes['cloud.login'] = { accountId: null, ip: '', actor: '', outcome: '', reason: '', stage: '' };
    this.login.onFinish((ctx, outcome, reason, stage) => {
      fields.accountId = ctx.account?.id ?? null;
      fields.ip = ctx.attempt.ip;
      fields.actor = ctx.attempt.actor;
      fields.outcome = outcome;
      fields.reason = reason;
      fields.stage = stage;
      world.log.emit('cloud.login', fields);
    });
  }

  attemptLogin(attempt: LoginAttempt): LoginResult {
    return this.login.login(attempt);
  }

  /** Password change: every existing session is revoked (OWASP ASVS 3.3.3). */
  changePassword(account: Account, newPassword: string, by: string): void {
    // Revoke first: after the change no old session validates, so none would count as live.
    const sessionsRevoked = this.sessions.revokeAll(account.id);
    this.accounts.setPassword(account, newPassword);
    this.world.log.emit('cloud.password-changed', { accountId: account.id, by, sessionsRevoked });
  }

  revokeSessions(account: Account, by: string): number {
    const count = this.sessions.revokeAll(account.id);
    this.world.log.emit('cloud.sessions-revoked', { accountId: account.id, by, count });
    return count;
  }

  changeEmail(account: Account, email: string, by: string): void {
    this.accounts.changeEmail(account, email);
    this.world.log.emit('cloud.email-changed', { accountId: account.id, by });
  }

  /** Gives `guest` access to `homeId` (Ring's "shared users"). */
  addSharedUser(homeId: string, guest: Account, by: string): void {
    this.accounts.grantHome(guest, homeId);
    this.world.log.emit('cloud.shared-user-added', { homeId, accountId: guest.id, by });
  }

  /** The account behind a live session token, if any. */
  accountForToken(token: string): Account | undefined {
    const session = this.sessions.validate(token);
    return session ? this.accounts.get(session.accountId) : undefined;
  }
}
