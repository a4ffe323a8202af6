import { z } from 'zod';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from '../core/duration.js';
import type { SeededRandom } from '../core/random.js';
import type { Cloud } from '../cloud/cloud.js';
import type { LoginStage } from '../cloud/login-pipeline.js';
import { defineDefense, type DefenseEnv } from './defense.js';
import { count, durationMs, oneOf, probability, real } from './fields.js';
import { installedDefense } from './installed.js';
import { SlidingWindowLimiter } from './window-limiter.js';

/** Parameters of bot-detection (defaults and their sources below). */
const schema = z.object({
  trigger: oneOf(['always', 'ip-velocity']),
  ipThreshold: count(1, 1_000_000),
  ipWindowMs: durationMs(),
  botSolveRate: probability(),
  botSolveLatencyMs: durationMs(0),
  botCostUsdPerSolve: real(0, 100),
  humanPassRate: probability(),
  humanSolveLatencyMs: durationMs(0),
  passTokenTtlMs: durationMs(),
});

/**
 * `bot-detection`: a login must carry a pass token from a solved challenge (a CAPTCHA /
 * Cloudflare Turnstile-style widget), or it is answered 'challenge' before any other check.
 *
 * Flow: login → 'challenge' → the client calls `solveChallenge(cloud, 'human' | 'bot')`,
 * waits `latencyMs`, and retries with `attempt.challengePass = passToken`. Tokens are
 * single-use and expire `passTokenTtlMs` after they are issued (Turnstile: "valid for 300
 * seconds", "can only be validated once"). The server never learns who solved: it only
 * checks the token. Who solves is the client's own statement of what it is — solving is
 * something the client does, like typing a password — and sets the odds and the price.
 *
 * Models OWASP ASVS 4.0.3 §2.2.1 (CAPTCHA among anti-automation controls) and the OWASP
 * Credential Stuffing Prevention Cheat Sheet ("CAPTCHA", "Device fingerprinting"). With
 * `trigger = ip-velocity` only IPs over `ipThreshold` attempts per `ipWindowMs` are
 * challenged (risk-based). Defaults from Searles et al., "An Empirical Study & Evaluation
 * of Modern CAPTCHAs", USENIX Security 2023: bots solve reCAPTCHA image challenges with
 * 85% accuracy in 17.5 s; humans take 18 s. A farm charges $2.99 per 1,000 reCAPTCHA v2
 * solves (2Captcha API rates). Cost to real users: `humanSolveLatencyMs` per login and a
 * `1 − humanPassRate` chance of failing and solving again.
 */
export const botDetection = defineDefense({
  name: 'bot-detection',
  layer: 'login',
  models: 'OWASP ASVS 4.0.3 §2.2.1 (CAPTCHA); OWASP Credential Stuffing Prevention Cheat Sheet (CAPTCHA, fingerprinting)',
  schema,
  defaults: {
    trigger: 'always' as const,
    /** Only with trigger = ip-velocity. Assumption: 20 attempts an hour is beyond any household. */
    ipThreshold: 20,
    ipWindowMs: HOUR_MS,
    /** Searles et al. 2023: bots 85% accurate on reCAPTCHA image challenges … */
    botSolveRate: 0.85,
    /** … in 17.5 s. */
    botSolveLatencyMs: 17_500,
    /** 2Captcha API rates: reCAPTCHA v2 $2.99 per 1,000 solves. */
    botCostUsdPerSolve: 0.00299,
    /** Assumption: most people pass a login challenge first time; lower it for text CAPTCHAs (Searles: 50–84%). */
    humanPassRate: 0.95,
    /** Searles et al. 2023: humans take 18 s on reCAPTCHA image challenges. */
    humanSolveLatencyMs: 18 * SECOND_MS,
    /** Cloudflare Turnstile: tokens are valid for 300 seconds. */
    passTokenTtlMs: 5 * MINUTE_MS,
  },
  create: (env, params) => new BotDetection(env, params),
});

/** Who is solving: a person at the app, or the attacker's tooling (a solver farm or model). */
export type ChallengeSolver = 'human' | 'bot';

export interface ChallengeSolution {
  /** Put it in `attempt.challengePass` on the retry; null when the solve failed. */
  passToken: string | null;
  /** How long solving took: retry no earlier than this. */
  latencyMs: number;
  /** What this solve cost the solver in US dollars (bots pay a farm; humans pay in time). */
  costUsd: number;
}

type BotParams = z.output<typeof schema>;

const CHALLENGE = Object.freeze({ outcome: 'challenge', reason: 'bot-challenge' } as const);
const MIN_SWEEP_SIZE = 4096;

export class BotDetection {
  readonly name = 'bot-detection';
  readonly login: LoginStage;
  /** pass token → expiry (virtual ms). */
  private readonly passes = new Map<string, number>();
  private sweepAtSize = MIN_SWEEP_SIZE;
  private readonly tokens: SeededRandom;
  private readonly odds: Record<ChallengeSolver, SeededRandom>;
  private readonly counters = {
    challenges: 0, passesRedeemed: 0, passesRejected: 0,
    humanSolves: 0, humanFailures: 0, botSolves: 0, botFailures: 0, botCostMicroUsd: 0,
  };

  constructor(private readonly env: DefenseEnv, private readonly params: BotParams) {
    const rng = (name: string) => env.world.rng(`defenses/bot-detection/${name}`);
    this.tokens = rng('tokens');
    this.odds = { human: rng('human'), bot: rng('bot') };
    const velocity = params.trigger === 'ip-velocity' ? new SlidingWindowLimiter({ limit: params.ipThreshold, windowMs: params.ipWindowMs }) : null;
    this.login = {
      name: this.name,
      beforePassword: (ctx) => {
        const pass = ctx.attempt.challengePass;
        if (pass !== undefined) {
          const expiresAtMs = this.passes.get(pass);
          if (expiresAtMs !== undefined) this.passes.delete(pass); // single use, valid or not
          if (expiresAtMs !== undefined && expiresAtMs > ctx.nowMs) {
            this.counters.passesRedeemed++;
            return undefined;
          }
          this.counters.passesRejected++;
        }
        if (velocity !== null && velocity.tryAcquire(ctx.ipId, ctx.nowMs)) return undefined;
        this.counters.challenges++;
        return CHALLENGE;
      },
    };
  }

  /** The client solves a challenge; see `solveChallenge`. */
  solve(solver: ChallengeSolver): ChallengeSolution {
    const p = this.params;
    const human = solver === 'human';
    const latencyMs = human ? p.humanSolveLatencyMs : p.botSolveLatencyMs;
    const costUsd = human ? 0 : p.botCostUsdPerSolve;
    if (!human) this.counters.botCostMicroUsd += Math.round(costUsd * 1e6);
    if (!this.odds[solver].chance(human ? p.humanPassRate : p.botSolveRate)) {
      if (human) this.counters.humanFailures++;
      else this.counters.botFailures++;
      return { passToken: null, latencyMs, costUsd };
    }
    if (human) this.counters.humanSolves++;
    else this.counters.botSolves++;
    const nowMs = this.env.world.now();
    if (this.passes.size >= this.sweepAtSize) this.sweep(nowMs);
    const passToken = this.tokens.hex(16);
    // The token exists once the solve is done, and lives passTokenTtlMs from then.
    this.passes.set(passToken, nowMs + latencyMs + p.passTokenTtlMs);
    return { passToken, latencyMs, costUsd };
  }

  stats(): Record<string, number> {
    const { botCostMicroUsd, ...rest } = this.counters;
    return { ...rest, botCostUsd: botCostMicroUsd / 1e6, passesOutstanding: this.passes.size };
  }

  private sweep(nowMs: number): void {
    for (const [token, expiresAtMs] of this.passes) if (expiresAtMs <= nowMs) this.passes.delete(token);
    this.sweepAtSize = Math.max(MIN_SWEEP_SIZE, 2 * this.passes.size);
  }
}

/**
 * A client answers a 'challenge': `solver` is what the client is ('human' for an owner's
 * app, 'bot' for attacker tooling). Retry the login after `latencyMs` with
 * `challengePass: passToken` (if not null). Throws if bot-detection is not installed.
 */
export function solveChallenge(cloud: Cloud, solver: ChallengeSolver): ChallengeSolution {
  const defense = installedDefense(cloud, 'bot-detection') as BotDetection | undefined;
  if (!defense) throw new Error('solveChallenge: bot-detection is not installed on this cloud, so no login is ever challenged');
  return defense.solve(solver);
}
