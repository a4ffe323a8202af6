import type { World } from '../core/world.js';
import type { Cloud } from '../cloud/cloud.js';
import type { LoginPipeline } from '../cloud/login-pipeline.js';
import { definitionOf, type DefenseInput, type DefenseName } from './catalog.js';
import type { BrokerChokePoint, Defense, DefenseEnv, DefenseLayer } from './defense.js';
import { installedDefenses, registerInstalled } from './installed.js';
import { configureDefenses, parseDefenses } from './parse.js';

/** A defence list as text (`'nist,bot-detection'`), or as objects (parameters optional). */
export type DefenseSpec = string | readonly DefenseInput[];

export interface InstallOptions {
  /**
   * The world's broker, for defences of the broker layer. Without one, a broker defence the
   * spec names is an error, and one that is only on by default (tenant-acl) is left out.
   */
  broker?: BrokerChokePoint;
  /**
   * Plug the stages into this pipeline instead of `cloud.login`. Only for benches that
   * measure the pipeline without the cloud's per-attempt event-log observer.
   */
  pipeline?: LoginPipeline;
}

export interface InstalledDefenses {
  /** Switch names in install order. */
  readonly names: readonly DefenseName[];
  readonly defenses: readonly Defense[];
  /** Same as defenseStats(cloud). */
  stats(): Record<string, number>;
}

/**
 * Plugs the chosen defences into their choke points: login stages into the cloud's login
 * pipeline in the fixed order of catalog.ts (cheap refusals first, the second factor after
 * the password, alerts on success), whatever order the spec names them in; broker policies
 * into the broker, whose policy list then holds exactly the installed broker defences; staff
 * and data policies into the cloud's staff-access and data gates. Once per cloud.
 */
export function installDefenses(cloud: Cloud, world: World, spec: DefenseSpec = [], options: InstallOptions = {}): InstalledDefenses {
  if (cloud.world !== world) throw new Error('installDefenses: the cloud belongs to a different world');
  const parsed = typeof spec === 'string' ? parseDefenses(spec) : configureDefenses(spec);
  const present: Record<DefenseLayer, boolean> = { login: true, broker: options.broker !== undefined, staff: true, data: true };
  const configured = parsed.filter((c) => {
    const layer = definitionOf(c.name).layer;
    if (present[layer]) return true;
    if (c.byDefault) return false;
    throw new Error(`installDefenses: ${c.name} is a ${layer} defence; pass the world's ${layer} in the options`);
  });
  const pipeline = options.pipeline ?? cloud.login;
  const env: DefenseEnv = { cloud, world, pipeline, broker: options.broker };
  const defenses = configured.map(({ name, params }) => definitionOf(name).create(env, params as never));
  registerInstalled(cloud, defenses); // throws on a second install, before any hook is plugged in
  pipeline.useRandom(world.rng('cloud/login-tickets'));
  for (const defense of defenses) {
    if (defense.login) pipeline.use(defense.login);
    if (defense.staff) cloud.staffAccess.policies.push(defense.staff);
    if (defense.data) cloud.data.policies.push(defense.data);
  }
  if (options.broker) {
    // The broker layer is the defences' to decide: what the broker had before (its own
    // default ACL, for worlds that install nothing) gives way to exactly what was installed.
    const policies = options.broker.policies;
    policies.length = 0;
    for (const defense of defenses) if (defense.broker) policies.push(defense.broker);
  }
  return {
    names: configured.map((c) => c.name),
    defenses,
    stats: () => defenseStats(cloud),
  };
}

/**
 * What every installed defence did so far, as `{ 'lockout.lockouts': 3, … }`: a plain
 * object of numbers in install order (then each defence's own key order), ready for a
 * report's JSON. Empty when no defence is installed.
 */
export function defenseStats(cloud: Cloud): Record<string, number> {
  const out: Record<string, number> = {};
  for (const defense of installedDefenses(cloud)) {
    for (const [key, value] of Object.entries(defense.stats())) out[`${defense.name}.${key}`] = value;
  }
  return out;
}
