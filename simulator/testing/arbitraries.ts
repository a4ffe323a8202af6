import fc from 'fast-check';

/**
 * Arbitraries for the plain numbers of a run: seeds, town sizes, durations, and the
 * residents' password habits. Small by default: a property runs a world per case, and a
 * counterexample is easiest to read when the shrinker can reach one home and a few minutes.
 */

/** A run seed, as `--seed` takes it: a whole number ≥ 0 (shrinks towards 0). */
export function arbSeed(options: { max?: number } = {}): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: options.max ?? 2 ** 31 - 1 });
}

/** How many homes a town has (`--homes`); 1 … 20 unless told. */
export function arbHomes(options: { min?: number; max?: number } = {}): fc.Arbitrary<number> {
  return fc.integer({ min: options.min ?? 1, max: options.max ?? 20 });
}

/**
 * A run length as `--duration` writes it (`45m`, `2h`), in whole minutes from `minMinutes`
 * to `maxMinutes` (default 10 minutes to 3 hours).
 */
export function arbDuration(options: { minMinutes?: number; maxMinutes?: number } = {}): fc.Arbitrary<string> {
  return fc
    .integer({ min: options.minMinutes ?? 10, max: options.maxMinutes ?? 180 })
    .map((m) => (m % 60 === 0 ? `${m / 60}h` : `${m}m`));
}

/** A share in [0, 1] in steps of 1 %, so counterexamples print as 0.37, not 0.3700000000000001. */
function share(max = 100): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max }).map((n) => n / 100);
}

/** What `population` accepts in the attack scenarios (simulator/population/population-params.ts). */
export interface PopulationInput {
  profile: 'wang2018' | 'das2014';
  reuseRate?: number;
  modifiedReuseRate?: number;
  weakShare: number;
  passwordManagerShare: number;
  twoFactorAdoption: number;
  twoFactorMethod: 'sms' | 'totp';
  typoRate: number;
  passwordLoginsPerDay: number;
}

/**
 * Valid residents' habits for the `population` parameter group: either a published reuse
 * profile as is, or explicit reuse shares (exact + modified ≤ 1, as the schema requires).
 */
export function arbPopulationParams(): fc.Arbitrary<PopulationInput> {
  const reuse = fc.option(
    fc.integer({ min: 0, max: 100 }).chain((exact) => fc.integer({ min: 0, max: 100 - exact }).map((modified) => ({ reuseRate: exact / 100, modifiedReuseRate: modified / 100 }))),
    { nil: undefined },
  );
  return fc
    .record({
      profile: fc.constantFrom('wang2018' as const, 'das2014' as const),
      reuse,
      weakShare: share(),
      passwordManagerShare: share(),
      twoFactorAdoption: share(),
      twoFactorMethod: fc.constantFrom('sms' as const, 'totp' as const),
      typoRate: share(30),
      // Logins by password a day, in tenths: 0 … 5.
      passwordLoginsPerDay: fc.integer({ min: 0, max: 50 }).map((n) => n / 10),
    })
    .map(({ reuse, ...rest }) => ({ ...rest, ...(reuse ?? {}) }));
}
