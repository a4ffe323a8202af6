import { World } from '../../../simulator/core/world.js';
import { Cloud } from '../../../simulator/cloud/cloud.js';
import type { Account } from '../../../simulator/cloud/accounts.js';
import type { LoginAttempt, LoginResult } from '../../../simulator/cloud/login-pipeline.js';
import type { Principal } from '../../../simulator/cloud/sessions.js';
import type { LoggedEvent } from '../../../simulator/core/event-log.js';
import { installDefenses, type DefenseSpec, type InstalledDefenses } from '../../../simulator/defenses/index.js';

export interface Fixture {
  world: World;
  cloud: Cloud;
  installed: InstalledDefenses;
  accounts: Account[];
}

/** A world with `accounts` owners (user{i}@example.test / pw-{i}) and the given defences. */
export function setup(spec: DefenseSpec, options: { accounts?: number; seed?: number } = {}): Fixture {
  const world = new World({ seed: options.seed ?? 7, retainLog: true });
  const cloud = new Cloud(world);
  const accounts: Account[] = [];
  for (let i = 0; i < (options.accounts ?? 3); i++) {
    accounts.push(cloud.accounts.create({ id: `acct-${i}`, email: `user${i}@example.test`, password: `pw-${i}`, homeIds: [`home-${i}`], nowMs: 0 }));
  }
  const installed = installDefenses(cloud, world, spec);
  return { world, cloud, installed, accounts };
}

export function attempt(
  email: string,
  password: string,
  from: { ip?: string; fp?: string; actor?: Principal; challengePass?: string } = {},
): LoginAttempt {
  return {
    email,
    password,
    ip: from.ip ?? '198.51.100.10',
    clientFingerprint: from.fp ?? 'owner-phone',
    actor: from.actor ?? 'owner',
    ...(from.challengePass !== undefined ? { challengePass: from.challengePass } : {}),
  };
}

/** Logs in as owner i with the right password. */
export function ownerLogin(f: Fixture, i: number, from: Parameters<typeof attempt>[2] = {}): LoginResult {
  return f.cloud.attemptLogin(attempt(`user${i}@example.test`, `pw-${i}`, from));
}

/** Retained events of one type. */
export function eventsOf(f: Fixture, type: string): LoggedEvent[] {
  return f.world.log.events().filter((e) => e.type === type);
}

/** The stage and reason the pipeline logged for the last login attempt. */
export function lastLogin(f: Fixture): { stage: string; reason: string; outcome: string } {
  const all = eventsOf(f, 'cloud.login');
  const e = all[all.length - 1] as unknown as { stage: string; reason: string; outcome: string };
  return { stage: e.stage, reason: e.reason, outcome: e.outcome };
}
