import fc from 'fast-check';
import { DEFENSE_LAYERS, DEFENSE_NAMES, PROFILES, PROFILE_NAMES, definitionOf, type DefenseInput, type DefenseLayer, type DefenseName, type Profile, type ProfileName } from '../defenses/index.js';

/**
 * Defence sets as users write them (`--defenses nist,bot-detection`), built from the catalogue
 * and the profiles in simulator/defenses, so a new defence or profile is generated as soon as
 * it exists. Every generated spec parses with `parseDefenses`.
 */
export interface DefenseSetOptions {
  /** Defences every generated set must switch on. */
  include?: readonly DefenseName[];
  /** Defences no generated set may switch on (profiles that contain one are skipped). */
  exclude?: readonly DefenseName[];
  /** Also draw profile names (`ring-2020`, `nist` …); default true. */
  profiles?: boolean;
  /**
   * Only defences of these layers (default: every layer). A world without a broker (a bare
   * Cloud) takes `['login']`: naming a broker defence there is an error.
   */
  layers?: readonly DefenseLayer[];
}

function profileDefenses(name: ProfileName): DefenseName[] {
  return (PROFILES[name].defenses as readonly DefenseInput[]).map((d) => d.name);
}

/** Defences a profile turns off (on-by-default ones such as tenant-acl): never named beside it. */
function profileOff(name: ProfileName): readonly DefenseName[] {
  return (PROFILES[name] as Profile).off ?? [];
}

/**
 * A valid `--defenses` value: `none`, or a comma-separated mix of at most one profile and
 * some switch names, always containing `include` and never `exclude`. Asking for
 * `2fa-optional` excludes `2fa-mandatory` (which would supersede it).
 */
export function arbDefenseSet(options: DefenseSetOptions = {}): fc.Arbitrary<string> {
  const include = [...(options.include ?? [])];
  const exclude = new Set<DefenseName>(options.exclude ?? []);
  if (include.includes('2fa-optional')) exclude.add('2fa-mandatory');
  const clash = include.find((n) => exclude.has(n));
  if (clash) throw new RangeError(`arbDefenseSet: "${clash}" is both included and excluded`);
  const layers = new Set<DefenseLayer>(options.layers ?? DEFENSE_LAYERS);
  const switches = DEFENSE_NAMES.filter((n) => !exclude.has(n) && !include.includes(n) && layers.has(definitionOf(n).layer));
  // An excluded defence that is on by default is kept off only by a profile that turns it off.
  const mustTurnOff = [...exclude].filter((n) => definitionOf(n).onByDefault);
  const profiles =
    options.profiles === false && mustTurnOff.length === 0
      ? []
      : PROFILE_NAMES.filter(
          (p) =>
            profileDefenses(p).every((n) => !exclude.has(n) && layers.has(definitionOf(n).layer)) &&
            !profileOff(p).some((n) => include.includes(n)) &&
            mustTurnOff.every((n) => profileOff(p).includes(n)),
        );
  if (mustTurnOff.length > 0 && profiles.length === 0) throw new RangeError(`arbDefenseSet: no profile turns off ${mustTurnOff.join(', ')} (on by default)`);
  const profile = mustTurnOff.length > 0 ? fc.constantFrom(...profiles) : profiles.length > 0 ? fc.option(fc.constantFrom(...profiles), { nil: undefined }) : fc.constant(undefined);
  return fc
    .record({
      profile,
      extra: fc.subarray(switches),
    })
    .map(({ profile, extra }) => {
      const off = profile ? profileOff(profile) : [];
      const names = [...(profile ? [profile] : []), ...include, ...extra.filter((n) => !off.includes(n))];
      return names.length === 0 ? 'none' : names.join(',');
    });
}

/**
 * `--set` pairs for defence parameters, sized for small worlds (a threshold of 3 fires in a
 * town of five homes; the defaults of 10–100 rarely would). Pairs for a defence that is not
 * switched on are accepted and ignored, so these combine with any `arbDefenseSet()`.
 */
export function arbDefenseOverrides(): fc.Arbitrary<string[]> {
  // Durations as users type them; zero is written `0` (a duration string must be positive).
  const minutes = (min: number, max: number) => fc.integer({ min, max }).map((m) => (m === 0 ? '0' : `${m}m`));
  const pairs: Record<string, fc.Arbitrary<string | number>> = {
    'rate-limit-ip.limit': fc.integer({ min: 1, max: 50 }),
    'rate-limit-ip.windowMs': minutes(1, 120),
    'rate-limit-account.limit': fc.integer({ min: 1, max: 50 }),
    'rate-limit-account.windowMs': minutes(1, 120),
    'consecutive-fails.maxFails': fc.integer({ min: 1, max: 20 }),
    'consecutive-fails.blockMs': minutes(1, 120),
    'lockout.threshold': fc.integer({ min: 1, max: 20 }),
    'lockout.windowMs': minutes(1, 60),
    'lockout.durationMs': minutes(1, 60),
    'lockout.growthFactor': fc.constantFrom(1, 1.5, 2, 4),
    '2fa-mandatory.method': fc.constantFrom('email', 'sms', 'totp'),
    '2fa-mandatory.maxCodeAttempts': fc.integer({ min: 1, max: 10 }),
    '2fa-mandatory.codeDigits': fc.integer({ min: 4, max: 8 }),
    '2fa-optional.maxCodeAttempts': fc.integer({ min: 1, max: 10 }),
    'login-alerts.reactProbability': fc.integer({ min: 0, max: 10 }).map((n) => n / 10),
    'login-alerts.reactDelayMs': minutes(0, 120),
    'bot-detection.trigger': fc.constantFrom('always', 'ip-velocity'),
    'bot-detection.ipThreshold': fc.integer({ min: 1, max: 50 }),
  };
  const keys = Object.keys(pairs);
  return fc
    .subarray(keys, { maxLength: 6 })
    .chain((chosen) => fc.tuple(...chosen.map((k) => pairs[k]!.map((v) => `${k}=${v}`))))
    .map((set) => [...set]);
}

/** A defence set with parameter overrides: spread into `runWorld({ ...config })`. */
export function arbDefenseConfig(options: DefenseSetOptions = {}): fc.Arbitrary<{ defenses: string; set: string[] }> {
  return fc.record({ defenses: arbDefenseSet(options), set: arbDefenseOverrides() });
}
