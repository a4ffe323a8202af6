import type { SeededRandom } from '../core/random.js';
import type { Account } from './accounts.js';
import type { LoginContext, LoginStage } from './login-stage.js';

/** How the second factor reaches the user: a code by text message or e-mail, or an authenticator app. */
export type SecondFactorMethod = 'sms' | 'email' | 'totp';

/**
 * A login parked after a correct password, waiting for the second factor. The client holds
 * only the opaque `id`; everything else stays on the server.
 */
export interface SecondFactorTicket {
  /** 128 bits from the world's generator (hex): as unguessable as a session token. */
  readonly id: string;
  /** The password step that opened it. */
  readonly ctx: LoginContext;
  readonly account: Account;
  /** The stage that asked for the factor and judges the codes. */
  readonly stage: LoginStage;
  readonly method: SecondFactorMethod;
  readonly openedAtMs: number;
  readonly expiresAtMs: number;
  /** The account's credential epoch at opening: a password change in between voids the ticket. */
  readonly credentialEpoch: number;
  /** Wrong codes submitted so far (the issuing stage voids the ticket at its limit). */
  wrongCodes: number;
  /** The code that was sent ('sms'/'email'); null for TOTP. Server-side only. */
  expectedCode: string | null;
}

export interface TicketStats {
  opened: number;
  accepted: number;
  wrongCodes: number;
  voided: number;
  expired: number;
  unknown: number;
}

/** Expired tickets are swept once the table has doubled since the last sweep (amortised O(1)). */
const MIN_SWEEP_SIZE = 1024;

/** Open second-factor tickets by id, with counters of how they ended. */
export class SecondFactorTickets {
  private readonly byId = new Map<string, SecondFactorTicket>();
  private sweepAtSize = MIN_SWEEP_SIZE;
  private serial = 0;
  readonly stats: TicketStats = { opened: 0, accepted: 0, wrongCodes: 0, voided: 0, expired: 0, unknown: 0 };

  constructor(private random?: SeededRandom) {}

  useRandom(random: SeededRandom): void {
    this.random = random;
  }

  open(ctx: LoginContext, account: Account, stage: LoginStage, method: SecondFactorMethod, expiresAtMs: number): SecondFactorTicket {
    if (this.byId.size >= this.sweepAtSize) this.sweep(ctx.nowMs);
    // Without a generator (a pipeline built by hand, no defences installed) ids are serial:
    // still deterministic, but guessable, so installDefenses always supplies one.
    const id = this.random ? this.random.hex(16) : `ticket-${++this.serial}`;
    const ticket: SecondFactorTicket = {
      id,
      ctx,
      account,
      stage,
      method,
      openedAtMs: ctx.nowMs,
      expiresAtMs,
      credentialEpoch: account.credentialEpoch,
      wrongCodes: 0,
      expectedCode: null,
    };
    this.byId.set(id, ticket);
    this.stats.opened++;
    return ticket;
  }

  get(id: string): SecondFactorTicket | undefined {
    return this.byId.get(id);
  }

  close(ticket: SecondFactorTicket, how: 'accepted' | 'voided' | 'expired'): void {
    this.byId.delete(ticket.id);
    this.stats[how]++;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Drops tickets past their expiry (counted as expired). */
  sweep(nowMs: number): void {
    for (const ticket of this.byId.values()) {
      if (nowMs >= ticket.expiresAtMs) this.close(ticket, 'expired');
    }
    this.sweepAtSize = Math.max(MIN_SWEEP_SIZE, 2 * this.byId.size);
  }
}
