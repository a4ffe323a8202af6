import fc from 'fast-check';
import { expect } from 'vitest';
import { AccountStoreError, type Account } from '../../../simulator/cloud/accounts.js';
import { latestSecondFactorCode } from '../../../simulator/defenses/index.js';
import { AdvanceToTicketExpiry, EnableTwoFactor, ResetPassword, VerifyCode } from './cloud-2fa-commands.js';
import { recordSession, type CloudModel, type CloudReal } from './cloud-model-state.js';

// The model's state and the real side live in cloud-model-state.ts (shared with cloud-2fa-commands.ts).
export type { CloudModel, CloudReal, ModelAccount, ModelTicket } from './cloud-model-state.js';

export type CloudCommand = fc.Command<CloudModel, CloudReal>;

const validNow = (m: CloudModel, i: number) => m.held[i]!.live && m.nowMs < m.held[i]!.expiresAtMs;
const accountOf = (r: CloudReal, email: string): Account => r.cloud.accounts.findByEmail(email)!;
const attempt = (r: CloudReal, email: string, password: string) =>
  r.cloud.attemptLogin({ email, password, ip: '192.0.2.44', clientFingerprint: 'model', actor: 'owner' });

export class SignUp implements CloudCommand {
  constructor(readonly email: string, readonly password: string) {}
  check = () => true;
  run(m: CloudModel, r: CloudReal): void {
    const create = () => r.cloud.accounts.create({ id: `acct-${m.nextId}`, email: this.email, password: this.password, homeIds: [], nowMs: r.world.now() });
    if (m.accounts.has(this.email.toLowerCase())) return void expect(create).toThrow(AccountStoreError);
    expect(create().email).toBe(this.email.toLowerCase());
    m.accounts.set(this.email.toLowerCase(), { id: `acct-${m.nextId++}`, password: this.password, factor: null, epoch: 0 });
  }
  toString = () => `signUp(${JSON.stringify(this.email)}, ${JSON.stringify(this.password)})`;
}

export class LoginRight implements CloudCommand {
  constructor(readonly email: string) {}
  check = (m: Readonly<CloudModel>) => m.accounts.has(this.email.toLowerCase());
  run(m: CloudModel, r: CloudReal): void {
    const account = m.accounts.get(this.email.toLowerCase())!;
    const result = attempt(r, this.email, account.password);
    if (account.factor !== null) {
      // Enrolled: the password opens a ticket; the session comes with the code (VerifyCode).
      expect(result.outcome).toBe('second-factor-required');
      expect(result.session).toBeUndefined();
      expect(result.secondFactorMethod).toBe(account.factor);
      r.tickets.push({ id: result.ticket!, code: account.factor === 'sms' ? latestSecondFactorCode(r.cloud, account.id) : undefined });
      m.tickets.push({ accountId: account.id, method: account.factor, expiresAtMs: m.nowMs + m.ticketTtlMs, epoch: account.epoch, wrong: 0, open: true });
      return;
    }
    expect(result.outcome).toBe('ok');
    recordSession(m, r, account.id, result.session!.token);
  }
  toString = () => `loginRight(${JSON.stringify(this.email)})`;
}

export class LoginWrong implements CloudCommand {
  constructor(readonly email: string, readonly password: string) {}
  check = (m: Readonly<CloudModel>) => m.accounts.get(this.email.toLowerCase())?.password !== this.password;
  run(_m: CloudModel, r: CloudReal): void {
    const result = attempt(r, this.email, this.password);
    expect(result.outcome).toBe('denied');
    expect(result.session).toBeUndefined();
  }
  toString = () => `loginWrong(${JSON.stringify(this.email)}, ${JSON.stringify(this.password)})`;
}

export class ChangePassword implements CloudCommand {
  constructor(readonly email: string, readonly password: string) {}
  check = (m: Readonly<CloudModel>) => m.accounts.has(this.email.toLowerCase());
  run(m: CloudModel, r: CloudReal): void {
    const account = m.accounts.get(this.email.toLowerCase())!;
    r.cloud.changePassword(accountOf(r, this.email), this.password, 'owner');
    account.password = this.password;
    account.epoch++; // open tickets of the account are void from now on
    for (const h of m.held) if (h.accountId === account.id) h.live = false;
  }
  toString = () => `changePassword(${JSON.stringify(this.email)}, ${JSON.stringify(this.password)})`;
}

export class RevokeSessions implements CloudCommand {
  constructor(readonly email: string) {}
  check = (m: Readonly<CloudModel>) => m.accounts.has(this.email.toLowerCase());
  run(m: CloudModel, r: CloudReal): void {
    const { id } = m.accounts.get(this.email.toLowerCase())!;
    const count = r.cloud.revokeSessions(accountOf(r, this.email), 'owner');
    // Exactly the sessions that were live: expired ones are not counted (INV-CLOUD-2).
    const live = m.held.filter((h, i) => h.accountId === id && validNow(m, i)).length;
    expect(count).toBe(live);
    for (const h of m.held) if (h.accountId === id) h.live = false;
  }
  toString = () => `revokeSessions(${JSON.stringify(this.email)})`;
}

export class ChangeEmail implements CloudCommand {
  constructor(readonly from: string, readonly to: string) {}
  check = (m: Readonly<CloudModel>) => m.accounts.has(this.from.toLowerCase());
  run(m: CloudModel, r: CloudReal): void {
    const change = () => r.cloud.changeEmail(accountOf(r, this.from), this.to, 'owner');
    const [from, to] = [this.from.toLowerCase(), this.to.toLowerCase()];
    if (m.accounts.has(to)) return void expect(change).toThrow(AccountStoreError);
    change();
    m.accounts.set(to, m.accounts.get(from)!);
    m.accounts.delete(from);
  }
  toString = () => `changeEmail(${JSON.stringify(this.from)} → ${JSON.stringify(this.to)})`;
}

export class ValidateToken implements CloudCommand {
  constructor(readonly pick: number) {}
  check = (m: Readonly<CloudModel>) => m.held.length > 0;
  run(m: CloudModel, r: CloudReal): void {
    const i = this.pick % m.held.length;
    const session = r.cloud.sessions.validate(r.held[i]!);
    expect(session !== undefined, `token #${i} validity`).toBe(validNow(m, i));
    if (!session) return;
    const email = [...m.accounts].find(([, a]) => a.id === m.held[i]!.accountId)![0];
    expect(r.cloud.accountForToken(r.held[i]!)?.email).toBe(email);
  }
  toString = () => `validate(token #${this.pick})`;
}

export class AdvanceClock implements CloudCommand {
  constructor(readonly ms: number) {}
  check = () => true;
  run(m: CloudModel, r: CloudReal): void {
    m.nowMs += this.ms;
    r.world.scheduler.advanceTo(m.nowMs);
    expect(r.world.now()).toBe(m.nowMs);
  }
  toString = () => `advance(${this.ms} ms)`;
}

/** Small pools make collisions (same e-mail in another case, reused passwords) common. */
export function cloudCommands(ttlMs: number): fc.Arbitrary<Iterable<CloudCommand>> {
  const email = fc.constantFrom('ann@home.test', 'ANN@Home.test', 'bob@home.test', 'cy@home.test', 'dee@home.test');
  const password = fc.constantFrom('', 'pw1', 'pw2', 'correct horse', 'pw1 ');
  return fc.commands(
    [
      fc.tuple(email, password).map(([e, p]) => new SignUp(e, p)),
      email.map((e) => new LoginRight(e)),
      fc.tuple(email, password).map(([e, p]) => new LoginWrong(e, p)),
      fc.tuple(email, password).map(([e, p]) => new ChangePassword(e, p)),
      email.map((e) => new RevokeSessions(e)),
      fc.tuple(email, email).map(([a, b]) => new ChangeEmail(a, b)),
      fc.nat().map((i) => new ValidateToken(i)),
      fc.integer({ min: 0, max: Math.round(ttlMs * 0.6) }).map((ms) => new AdvanceClock(ms)),
      // Listed twice: a code needs an enrolled account with an open ticket, so give them room.
      ...[1, 2].map(() => fc.tuple(email, fc.constantFrom('sms' as const, 'totp' as const)).map(([e, method]) => new EnableTwoFactor(e, method))),
      ...[1, 2].map(() => fc.tuple(fc.nat(7), fc.boolean()).map(([i, right]) => new VerifyCode(i, right))),
      fc.tuple(email, password).map(([e, p]) => new ResetPassword(e, p)),
      fc.tuple(fc.nat(7), fc.boolean()).map(([i, early]) => new AdvanceToTicketExpiry(i, early)),
    ],
    { maxCommands: 60, size: 'large' },
  );
}
