import type { Cloud } from '../cloud/cloud.js';
import type { LoginResult } from '../cloud/login-pipeline.js';
import type { SeededRandom } from '../core/random.js';
import {
  authenticatorCode,
  changePasswordChecked,
  latestSecondFactorCode,
  ownerNotices,
  solveChallenge,
} from '../defenses/index.js';
import { humanPassword } from './password-model.js';
import type { Home } from './town.js';

/**
 * How the app completes a login the cloud did not finish at once (second factor, challenge),
 * given the password the owner typed for it (a typo stays a typo on the retry).
 */
export type LoginContinuation = (home: Home, first: LoginResult, typedPassword: string) => LoginResult;

/** Where an owner's app logs in from: what the server saw on the password step. */
export interface OwnerClient {
  ip: string;
  fingerprint: string;
}

/** At most this many extra steps (challenge, code, reset) per login: no loops on a misconfigured defence. */
const MAX_STEPS = 8;

/**
 * Real owners finish what a defence asks of them. Built before the Simulation exists (the
 * apps take it at start); `attach` gives it the cloud and the owners' clients.
 *
 * - second factor: the owner holds it — the code from their phone or mailbox, or their
 *   authenticator app (2fa-mandatory with method totp enrols them when first prompted);
 * - bot challenge: the owner solves it as a human (the solve's latency is added);
 * - breached password: the owner follows the reset link and picks a new password;
 * - login alert reaction: the owner's new password (from owner-notices) is what they type next.
 *
 * A challenge comes before the password is checked, so the retry after it sends what the
 * owner typed: a typo that met a challenge is still refused as a wrong password, and the
 * app then lets the owner type again.
 */
export class OwnerLogin {
  private cloud: Cloud | undefined;
  private clientOf: ((home: Home) => OwnerClient) | undefined;
  private random: SeededRandom | undefined;

  readonly continuation: LoginContinuation = (home, first, typedPassword) => this.continueLogin(home, first, typedPassword);

  attach(cloud: Cloud, homes: readonly Home[], clientOf: (home: Home) => OwnerClient): void {
    this.cloud = cloud;
    this.clientOf = clientOf;
    this.random = cloud.world.rng('population/owner-new-passwords');
    const byAccount = new Map(homes.map((h) => [h.owner.id, h]));
    ownerNotices(cloud).onPasswordChanged((notice) => {
      const home = byAccount.get(notice.accountId);
      if (home) home.password = notice.newPassword;
    });
  }

  private continueLogin(home: Home, first: LoginResult, typedPassword: string): LoginResult {
    const cloud = this.cloud;
    if (!cloud || !this.clientOf) return first;
    const { ip, fingerprint } = this.clientOf(home);
    const account = home.owner;
    let result = first;
    let latencyMs = first.latencyMs;
    for (let step = 0; step < MAX_STEPS && result.outcome !== 'ok' && result.outcome !== 'denied'; step++) {
      let next: LoginResult | undefined;
      if (result.outcome === 'second-factor-required' && result.ticket !== undefined) {
        const code =
          result.secondFactorMethod === 'totp'
            ? account.totpSecret !== null ? authenticatorCode(cloud, account) : undefined
            : latestSecondFactorCode(cloud, account.id);
        if (code !== undefined) next = cloud.login.verifySecondFactor(result.ticket, code, { ip, clientFingerprint: fingerprint, actor: 'owner' });
      } else if (result.outcome === 'challenge') {
        const solution = solveChallenge(cloud, 'human');
        latencyMs += solution.latencyMs;
        next = cloud.attemptLogin({
          email: home.email,
          password: typedPassword,
          ip,
          clientFingerprint: fingerprint,
          actor: 'owner',
          ...(solution.passToken !== null ? { challengePass: solution.passToken } : {}),
        });
      } else if (result.outcome === 'password-reset-required') {
        this.resetPassword(cloud, home);
        next = cloud.attemptLogin({ email: home.email, password: home.password, ip, clientFingerprint: fingerprint, actor: 'owner' });
      }
      if (next === undefined) break;
      result = next;
      latencyMs += next.latencyMs;
    }
    return { ...result, latencyMs };
  }

  /** The reset link in the owner's mailbox: a new self-chosen password the breach check accepts. */
  private resetPassword(cloud: Cloud, home: Home): void {
    for (let tries = 0; tries < 10; tries++) {
      const candidate = `${humanPassword(this.random!)}${this.random!.int(10, 99)}`;
      if (changePasswordChecked(cloud, home.owner, candidate, 'owner').ok) {
        home.password = candidate;
        return;
      }
    }
  }
}
