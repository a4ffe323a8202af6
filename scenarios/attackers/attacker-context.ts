import type { SeededRandom } from '../../simulator/core/random.js';
import type { ScenarioContext } from '../../simulator/runner/scenario.js';
import type { Simulation } from '../../simulator/runner/simulation.js';

/** When an attacker acts: from its start to its end, both in the world's virtual time. */
export interface AttackWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * What every attacker gets, whatever it attacks through — the login API (a stuffing botnet),
 * the staff console (an insider), the broker itself (an MQTT-level attacker): the world, its
 * own named random streams, and its window on the clock. Nothing here assumes a login.
 */
export interface AttackerContext {
  readonly sim: Simulation;
  /** Names its random streams (`attackers/{name}/…`): adding another attacker never shifts this one's draws. */
  readonly name: string;
  /** The attacker's own stream `attackers/{name}/{part}`. */
  rng(part: string): SeededRandom;
  readonly window: AttackWindow;
}

/** Where in the run an attack sits: `startMs` after setup, for `durationMs` (0: to the end of the run). */
export interface AttackTiming {
  readonly startMs: number;
  readonly durationMs: number;
}

export function attackerContext(ctx: ScenarioContext<unknown>, name: string, timing: AttackTiming): AttackerContext {
  const { sim } = ctx;
  const startMs = sim.world.now() + timing.startMs;
  const runEndMs = sim.world.now() + ctx.durationMs;
  const endMs = timing.durationMs > 0 ? Math.min(runEndMs, startMs + timing.durationMs) : runEndMs;
  return { sim, name, rng: (part) => sim.world.rng(`attackers/${name}/${part}`), window: { startMs, endMs } };
}
