import { z } from 'zod';

/**
 * The residents' habits, settable as `--set population.reuseRate=0.5`. Every default names
 * its source; docs/scenarios.md repeats them.
 */

/** Published password-reuse measurements a run can start from (`--set population.profile=das2014`). */
export const REUSE_PROFILES = {
  /**
   * Wang, Jan, Hu, Bossart, Wang, "The Next Domino to Fall: Empirical Analysis of User
   * Passwords across Online Services", ACM CODASPY 2018 (arXiv 1706.01939, 2017): 28.8 M
   * users, 61.5 M passwords, 107 services — 38 % reused exactly the same password across
   * sites, 20 % modified an existing one.
   */
  wang2018: { reuseRate: 0.38, modifiedReuseRate: 0.2 },
  /**
   * Das, Bonneau, Caesar, Borisov, Wang, "The Tangled Web of Password Reuse", NDSS 2014:
   * 43–51 % of users reuse the same password across sites (we take the midpoint, 47 %). Das
   * et al. measure identical reuse; the modified share is kept at Wang et al.'s 20 %.
   */
  das2014: { reuseRate: 0.47, modifiedReuseRate: 0.2 },
} as const;

export type ReuseProfile = keyof typeof REUSE_PROFILES;

const share = z.number().min(0).max(1);

export const populationSchema = z
  .strictObject({
    /** Which published reuse figures fill reuseRate and modifiedReuseRate when those are not set. */
    profile: z.enum(['wang2018', 'das2014']).default('wang2018'),
    /** Share of residents whose customer password is exactly their password at the breached site. */
    reuseRate: share.optional(),
    /** Share whose customer password is a small modification of it (append a digit, capitalise …). */
    modifiedReuseRate: share.optional(),
    /**
     * Share of self-chosen passwords taken from the common top-100 list. SplashData, "Worst
     * Passwords of 2018": almost 10 % of people used one of the 25 worst, nearly 3 % used
     * "123456". With Zipf popularity over our 100-entry list the top 25 hold 73.6 % of the
     * mass, so 0.10 / 0.736 ≈ 0.136 (and "123456" then gets 0.136 × 19.3 % ≈ 2.6 %).
     */
    weakShare: share.default(0.136),
    /**
     * Share of residents using a password manager (random, unique passwords everywhere).
     * Pew Research Center, "Americans and Cybersecurity" (Jan 2017): 12 % of internet users.
     */
    passwordManagerShare: share.default(0.12),
    /**
     * Share of owners who opted into 2FA before it was mandatory. Milka (Google), "Anatomy of
     * Account Takeover", USENIX Enigma 2018: fewer than 10 % of active Google accounts used
     * 2-Step Verification; we take 9 %.
     */
    twoFactorAdoption: share.default(0.09),
    /** The factor opted-in owners enrolled: Ring's 2019 two-step verification sent SMS codes. */
    twoFactorMethod: z.enum(['sms', 'totp']).default('sms'),
    /**
     * Chance a typed password has a typo. Assumption consistent with Chatterjee et al.,
     * "pASSWORD tYPOS and How to Correct Them Securely", IEEE S&P 2016 (at Dropbox, simple
     * typos turned away 3 % of users in 24 h). Sets the owners' app.typoRate in attack scenarios.
     */
    typoRate: share.default(0.05),
    /**
     * Times a day an owner must type the password again (new phone, signed out). Assumption:
     * camera apps keep sessions for weeks (30-day sessions, sessions.ts), so about once in
     * 20 days. Sets app.passwordLoginsPerDay in attack scenarios.
     */
    passwordLoginsPerDay: z.number().min(0).max(100).default(0.05),
  })
  .superRefine((p, ctx) => {
    const base = REUSE_PROFILES[p.profile];
    const reuse = p.reuseRate ?? base.reuseRate;
    const modified = p.modifiedReuseRate ?? base.modifiedReuseRate;
    if (reuse + modified > 1) {
      ctx.addIssue({ code: 'custom', path: [p.reuseRate !== undefined ? 'reuseRate' : 'modifiedReuseRate'], message: `reuseRate + modifiedReuseRate must be ≤ 1 (got ${reuse} + ${modified})` });
    }
  })
  .transform((p) => {
    const base = REUSE_PROFILES[p.profile];
    return { ...p, reuseRate: p.reuseRate ?? base.reuseRate, modifiedReuseRate: p.modifiedReuseRate ?? base.modifiedReuseRate };
  });

export type PopulationParams = z.output<typeof populationSchema>;

/** Defaults, resolved (what `{}` parses to). */
export const DEFAULT_POPULATION: PopulationParams = populationSchema.parse({});
