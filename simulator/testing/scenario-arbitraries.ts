import fc from 'fast-check';
import { z } from 'zod';
import { BUILT_IN_SCENARIOS, builtInScenario } from '../../scenarios/index.js';
import type { ScenarioDefinition } from '../runner/scenario.js';
import { arbDuration, arbHomes, arbPopulationParams } from './arbitraries.js';
import { arbDefenseOverrides, arbDefenseSet, type DefenseSetOptions } from './defense-arbitraries.js';

/**
 * Scenario names and small parameters, from the scenarios present (BUILT_IN_SCENARIOS): a
 * scenario's parameters are generated group by group (`attack`, `combo`, `botnet` …) for the
 * groups its schema declares, so a new scenario built from the same groups is covered at
 * once, and one with groups unknown here runs with its defaults.
 *
 * Sizes are small on purpose: a whole run per case must take milliseconds, not seconds.
 */
const MINUTE = 60_000;

const GROUPS: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  population: arbPopulationParams().map((p): Record<string, unknown> => ({ ...p })),
  combo: fc.record({ residentShare: fc.integer({ min: 0, max: 100 }).map((n) => n / 100), entriesPerHome: fc.integer({ min: 1, max: 10 }) }),
  botnet: fc.record({ attemptsPerIp: fc.integer({ min: 1, max: 20 }), fingerprints: fc.integer({ min: 1, max: 10 }) }),
  attack: fc.record(
    {
      ratePerMinute: fc.oneof(fc.constant('auto' as const), fc.integer({ min: 1, max: 120 })),
      variants: fc.integer({ min: 0, max: 3 }),
      guessCodes: fc.boolean(),
      solveChallenges: fc.boolean(),
      codeDigits: fc.integer({ min: 4, max: 6 }),
      ticketsPerAccount: fc.integer({ min: 1, max: 3 }),
      reloginDelayMs: fc.integer({ min: 0, max: 10 }).map((m) => m * MINUTE),
    },
    { requiredKeys: [] },
  ),
  takeover: fc.record({ meanDelayMs: fc.integer({ min: 0, max: 60 }).map((m) => m * MINUTE), maxVisits: fc.integer({ min: 1, max: 3 }) }, { requiredKeys: [] }),
  spray: fc.record({ passwords: fc.integer({ min: 1, max: 5 }), decoysPerHome: fc.integer({ min: 0, max: 2 }) }),
  brute: fc.record({ targets: fc.integer({ min: 1, max: 3 }), dictionarySize: fc.integer({ min: 1, max: 100 }) }),
};

/** The parameter groups a scenario's schema declares (none for a scenario without parameters). */
function groupsOf(scenario: ScenarioDefinition): string[] {
  return scenario.params instanceof z.ZodObject ? Object.keys(scenario.params.shape) : [];
}

/** Small, valid parameters for `scenario` (the `params` of runScenario / runWorld). */
export function arbScenarioParams(scenario: ScenarioDefinition): fc.Arbitrary<Record<string, unknown>> {
  const known = groupsOf(scenario).filter((g) => g in GROUPS);
  // Each group is either left to the scenario's defaults or generated.
  const record = Object.fromEntries(known.map((g) => [g, GROUPS[g]!]));
  return fc.record(record, { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
}

function scenarioNamed(name: string): ScenarioDefinition {
  return builtInScenario(name);
}

/** Names of the built-in scenarios with an attacker (those whose parameters have an `attack` group). */
export function attackScenarioNames(): string[] {
  return BUILT_IN_SCENARIOS.filter((s) => groupsOf(s).includes('attack')).map((s) => s.name);
}

export interface AttackCase {
  scenario: string;
  params: Record<string, unknown>;
}

/** An attack scenario by name with small parameters: `{ scenario: 'brute-force', params: { brute: { targets: 2, … } } }`. */
export function arbAttack(): fc.Arbitrary<AttackCase> {
  const names = attackScenarioNames();
  if (names.length === 0) throw new RangeError('arbAttack: no built-in attack scenario is present');
  return fc.constantFrom(...names).chain((name) => arbScenarioParams(scenarioNamed(name)).map((params) => ({ scenario: name, params })));
}

export interface ScenarioOptionsArbOptions {
  /** Scenario names to draw from (default: every built-in scenario). */
  scenarios?: readonly string[];
  homes?: { min?: number; max?: number };
  duration?: { minMinutes?: number; maxMinutes?: number };
  /** Constraints on the generated defence set. */
  defenses?: DefenseSetOptions;
}

/** Everything a run takes but the seed: spread into `runWorld({ ...options, seed })`. */
export interface ScenarioCase {
  scenario: string;
  homes: number;
  duration: string;
  defenses: string;
  /** Defence parameters as `--set` pairs (`lockout.threshold=3`). */
  set: string[];
  params: Record<string, unknown>;
}

/** A whole small run: scenario, town size, duration, defences with parameters, scenario parameters. */
export function arbScenarioOptions(options: ScenarioOptionsArbOptions = {}): fc.Arbitrary<ScenarioCase> {
  const names = options.scenarios ?? BUILT_IN_SCENARIOS.map((s) => s.name);
  return fc.constantFrom(...names).chain((name) =>
    fc.record({
      scenario: fc.constant(name),
      homes: arbHomes({ min: 1, max: 8, ...options.homes }),
      duration: arbDuration({ minMinutes: 10, maxMinutes: 120, ...options.duration }),
      defenses: arbDefenseSet(options.defenses),
      set: arbDefenseOverrides(),
      params: arbScenarioParams(scenarioNamed(name)),
    }),
  );
}
