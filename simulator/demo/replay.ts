import { z } from 'zod';
import type { LoginResult } from '../cloud/login-stage.js';
import { DefenseToggles } from '../defenses/toggle.js';
import { assembleRun, type AssembledRun } from '../runner/assemble.js';
import type { ScenarioDefinition } from '../runner/scenario.js';

/**
 * What a classroom demo did to its town, as data: the run's options and every action a
 * person took (a defence toggled, a login over HTTP), each at the virtual time it was
 * applied. Actions are applied only between two steps of the clock (demo-town.ts), so a
 * replay that runs the clock to each action's time and applies it there does exactly what
 * the demo did: the same event log, byte for byte (`smarthome-sim replay FILE`).
 */

export const REPLAY_FORMAT = 'smarthome-sim-replay/1';

const action = z.discriminatedUnion('kind', [
  z.strictObject({ atMs: z.number().int().nonnegative(), kind: z.literal('toggle'), name: z.string(), on: z.boolean() }),
  z.strictObject({ atMs: z.number().int().nonnegative(), kind: z.literal('login'), email: z.string(), password: z.string(), ip: z.string() }),
  z.strictObject({ atMs: z.number().int().nonnegative(), kind: z.literal('second-factor'), ticket: z.string(), code: z.string(), ip: z.string() }),
]);

export const replaySchema = z.strictObject({
  format: z.literal(REPLAY_FORMAT),
  scenario: z.string(),
  seed: z.number().int().nonnegative(),
  homes: z.number().int().positive(),
  defenses: z.string().optional(),
  set: z.array(z.string()),
  /** Virtual time covered when the file was written: the replay stops there. */
  durationMs: z.number().int().nonnegative(),
  actions: z.array(action),
  /** The demo's event-log hash at durationMs, for the reader to compare. */
  eventLogSha256: z.string().optional(),
});

export type ReplayFile = z.infer<typeof replaySchema>;
export type ReplayAction = z.infer<typeof action>;
/** An action as a person asks for it; the demo stamps the virtual time. */
export type ActionRequest = ReplayAction extends infer A ? (A extends ReplayAction ? Omit<A, 'atMs'> : never) : never;

/** Where HTTP logins say they come from: the client's address, as the cloud sees any app's. */
export const HTTP_LOGIN_FINGERPRINT = 'http-login-api';

/**
 * Applies one action to a town, between steps. HTTP logins are the students' (actor
 * 'attacker': whoever aims hydra at the API is the attack the metrics score).
 */
export function applyAction(run: AssembledRun, toggles: DefenseToggles, act: ReplayAction): LoginResult | boolean {
  const cloud = run.sim.cloud;
  switch (act.kind) {
    case 'toggle':
      return toggles.set(act.name, act.on);
    case 'login':
      return cloud.attemptLogin({ email: act.email, password: act.password, ip: act.ip, clientFingerprint: HTTP_LOGIN_FINGERPRINT, actor: 'attacker' });
    case 'second-factor':
      return cloud.login.verifySecondFactor(act.ticket, act.code, { ip: act.ip, clientFingerprint: HTTP_LOGIN_FINGERPRINT, actor: 'attacker' });
  }
}

/** The run a demo would assemble for these options: live (node:crypto secrets, aedes' timers), no listeners. */
export function assembleDemoRun(scenario: ScenarioDefinition, file: Pick<ReplayFile, 'seed' | 'homes' | 'defenses' | 'set'>, retainLog = false): Promise<AssembledRun> {
  return assembleRun(scenario, { seed: file.seed, homes: file.homes, defenses: file.defenses, set: file.set, live: true, retainLog });
}

/** Replays a file: the clock run to each action, the action applied, then on to durationMs. */
export async function replay(scenario: ScenarioDefinition, file: ReplayFile, retainLog = false): Promise<AssembledRun> {
  const run = await assembleDemoRun(scenario, file, retainLog);
  await run.start();
  const toggles = new DefenseToggles(run.sim.cloud, run.sim.world, run.sim.broker);
  for (const act of file.actions) {
    if (act.atMs < run.sim.world.now()) throw new Error(`replay: actions out of order at ${act.atMs} ms`);
    await run.sim.world.runUntil(act.atMs);
    applyAction(run, toggles, act);
  }
  await run.sim.world.runUntil(file.durationMs);
  return run;
}
