import { z } from 'zod';
import { MINUTE_MS } from '../core/duration.js';
import type { Account } from '../cloud/accounts.js';
import type { Cloud } from '../cloud/cloud.js';
import type { LoginStage, SecondFactorMethod, StageVerdict } from '../cloud/login-pipeline.js';
import { CodeInbox, OneTimeCodeGenerator } from '../cloud/one-time-code.js';
import { newTotpSecret, totpNow, TotpVerifier } from '../cloud/totp.js';
import { defineDefense, type DefenseEnv, type Detection } from './defense.js';
import { count, durationMs, oneOf } from './fields.js';
import { installedDefense } from './installed.js';

declare module '../core/event-log.js' {
  interface EventTypes {
    /** A one-time code was sent to the account's phone or mailbox (the owner sees an SMS they may not expect). */
    'defense.second-factor-sent': { accountId: string; method: string };
    /** A second-factor ticket was voided after too many wrong codes. */
    'defense.second-factor-void': { accountId: string; wrongCodes: number };
  }
}

/**
 * `2fa-optional` and `2fa-mandatory`: after a correct password, the login waits for a
 * second factor (`LoginResult.ticket`, answered with `cloud.login.verifySecondFactor`).
 *
 * - optional: only accounts whose owner enrolled (`account.secondFactor`) are prompted, with
 *   their own factor: Ring before February 2020, and NIST SP 800-63B AAL2 for those who opt in.
 * - mandatory: every account is prompted; enrolled accounts use their factor, the rest get a
 *   code by `method` (Ring from 18 Feb 2020: a six-digit code by e-mail or SMS on every login).
 *   With `method = totp` every account counts as enrolled in an authenticator app: an
 *   account without a secret gets one when first prompted (as if issued at sign-up).
 *
 * Codes: SMS/e-mail codes are six digits from the world's generator, valid `codeTtlMs`
 * (Ring: 10 minutes); TOTP is RFC 6238 (±`totpWindowSteps`, each step accepted once).
 * Code entry is rate-limited: `maxCodeAttempts` wrong codes void the ticket, so a guesser
 * must get the password right again for each fresh batch (NIST SP 800-63B §5.2.2 applies
 * its failed-attempt limit to every authenticator). Cost to real users: a code to fetch
 * and type on every new login, plus a lost phone or mailbox locks them out.
 */
const shape = {
  method: oneOf(['email', 'sms', 'totp']),
  codeTtlMs: durationMs(),
  maxCodeAttempts: count(1, 1_000),
  codeDigits: count(4, 10),
  totpWindowSteps: count(0, 10),
};

const defaults = {
  /** Ring 2020 sent the code to the account's e-mail unless the owner chose SMS. */
  method: 'email' as const,
  /** Ring: "The two-factor code will expire after 10 minutes" (Pocket-lint, 18 Feb 2020). */
  codeTtlMs: 10 * MINUTE_MS,
  /** NIST SP 800-63B §5.2.2 requires a limit; 5 wrong codes is the common vendor choice (assumption). */
  maxCodeAttempts: 5,
  /** Ring: "a one-time, six-digit code". */
  codeDigits: 6,
  /** RFC 6238 §5.2: accept one step of clock drift either side. */
  totpWindowSteps: 1,
};

/** One declaration for both switches, so a void counts once whichever (or both) is installed. */
const detects: readonly Detection[] = [{ event: 'defense.second-factor-void', metric: 'detections.codeVoids' }];

export const twoFactorOptional = defineDefense({
  name: '2fa-optional',
  layer: 'login',
  models: 'NIST SP 800-63B §4.2 (AAL2, opt-in) with §5.1.3 out-of-band / §5.1.4 OTP authenticators; Ring two-step verification before 2020',
  schema: z.object(shape),
  defaults,
  detects,
  create: (env, params) => new TwoFactor('2fa-optional', false, env, params),
});

export const twoFactorMandatory = defineDefense({
  name: '2fa-mandatory',
  layer: 'login',
  models: 'Ring mandatory two-step verification (18 Feb 2020); NIST SP 800-63B §4.2 (AAL2 for everyone); §5.2.2 rate limiting of code entry',
  schema: z.object(shape),
  defaults,
  detects,
  create: (env, params) => new TwoFactor('2fa-mandatory', true, env, params),
});

type TwoFactorParams = { method: SecondFactorMethod; codeTtlMs: number; maxCodeAttempts: number; codeDigits: number; totpWindowSteps: number };

export class TwoFactor {
  readonly login: LoginStage;
  /** The owners' phones and mailboxes: what an owner's app reads to answer an SMS/e-mail prompt. */
  readonly inbox = new CodeInbox();
  private readonly counters = { prompts: 0, codesSent: 0, accepted: 0, wrongCodes: 0, voided: 0, enrolled: 0 };

  constructor(readonly name: string, readonly mandatory: boolean, private readonly env: DefenseEnv, params: TwoFactorParams) {
    const codes = new OneTimeCodeGenerator(env.world.rng('defenses/2fa/codes'), params.codeDigits);
    const totp = new TotpVerifier({}, params.totpWindowSteps);
    const secrets = env.world.rng('defenses/2fa/totp-secrets');
    const log = env.world.log;
    // One verdict object per method, built once: prompting allocates nothing.
    const verdicts: Record<SecondFactorMethod, StageVerdict> = {
      sms: { outcome: 'second-factor-required', reason: 'second-factor-sms', secondFactor: { method: 'sms', ttlMs: params.codeTtlMs } },
      email: { outcome: 'second-factor-required', reason: 'second-factor-email', secondFactor: { method: 'email', ttlMs: params.codeTtlMs } },
      totp: { outcome: 'second-factor-required', reason: 'second-factor-totp', secondFactor: { method: 'totp', ttlMs: params.codeTtlMs } },
    };
    const enroll = (account: Account) => {
      account.secondFactor = 'totp';
      account.totpSecret = newTotpSecret(secrets);
      this.counters.enrolled++;
    };
    this.login = {
      name,
      afterPassword: (ctx) => {
        const account = ctx.account!;
        let method: SecondFactorMethod | null = account.secondFactor;
        if (method === null) {
          if (!mandatory) return undefined;
          method = params.method;
          if (method === 'totp') enroll(account);
        } else if (method === 'totp' && account.totpSecret === null) {
          enroll(account);
        }
        this.counters.prompts++;
        return verdicts[method];
      },
      openSecondFactor: (ticket) => {
        if (ticket.method === 'totp') return;
        const code = codes.next();
        ticket.expectedCode = code;
        this.inbox.deliver({ accountId: ticket.account.id, method: ticket.method, code, sentAtMs: ticket.openedAtMs });
        this.counters.codesSent++;
        log.emit('defense.second-factor-sent', { accountId: ticket.account.id, method: ticket.method });
      },
      checkSecondFactor: (ticket, code, nowMs) => {
        const account = ticket.account;
        const ok =
          ticket.method === 'totp'
            ? account.totpSecret !== null && totp.verify(account.id, account.totpSecret, code, nowMs)
            : code === ticket.expectedCode;
        if (ok) {
          this.counters.accepted++;
          return 'accept';
        }
        this.counters.wrongCodes++;
        if (++ticket.wrongCodes < params.maxCodeAttempts) return 'retry';
        this.counters.voided++;
        log.emit('defense.second-factor-void', { accountId: account.id, wrongCodes: ticket.wrongCodes });
        return 'void';
      },
    };
  }

  stats(): Record<string, number> {
    const t = this.env.pipeline.tickets.stats;
    return {
      ...this.counters,
      ticketsOpened: t.opened,
      ticketsExpired: t.expired,
      ticketsUnknown: t.unknown,
      ticketsOpen: this.env.pipeline.tickets.size,
    };
  }
}

/** The installed second-factor defence of this cloud, if either switch is on. */
function installedTwoFactor(cloud: Cloud): TwoFactor | undefined {
  return (installedDefense(cloud, '2fa-mandatory') ?? installedDefense(cloud, '2fa-optional')) as TwoFactor | undefined;
}

/**
 * The owner's phone or mailbox: the latest SMS/e-mail code sent for `accountId`. Only an
 * owner's app may call this (an attacker reading it is SIM swapping or mailbox takeover,
 * which a scenario must model explicitly).
 */
export function latestSecondFactorCode(cloud: Cloud, accountId: string): string | undefined {
  return installedTwoFactor(cloud)?.inbox.latest(accountId)?.code;
}

/** The owner's authenticator app: the TOTP code it shows now for `account` (owner-side only). */
export function authenticatorCode(cloud: Cloud, account: Account): string {
  if (account.totpSecret === null) throw new Error(`authenticatorCode: account ${account.id} has no TOTP secret (not enrolled)`);
  return totpNow(account.totpSecret, cloud.world.now());
}
