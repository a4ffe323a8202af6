/**
 * Defences at every choke point (login, broker): the public surface for scenarios,
 * attackers, owners and the CLI.
 *
 *   const defenses = parseDefenses('ring-2020', { 'login-alerts.reactProbability': 0.5 });
 *   installDefenses(cloud, world, defenses);
 *   … run …
 *   report.metrics.defenses = defenseStats(cloud);
 */
export { installDefenses, defenseStats, type DefenseSpec, type InstalledDefenses, type InstallOptions } from './install.js';
export { parseDefenses, configureDefenses, isDefenseParameter, DefenseSpecError, type DefenseOverrides } from './parse.js';
export {
  DEFENSES,
  DEFENSE_NAMES,
  INSTALL_ORDER,
  isDefenseName,
  definitionOf,
  type ConfiguredDefense,
  type DefenseInput,
  type DefenseName,
  type DefenseParams,
} from './catalog.js';
export { PROFILES, PROFILE_NAMES, isProfileName, type Profile, type ProfileName } from './profiles.js';
export type { BrokerChokePoint, Defense, DefenseDefinition, DefenseEnv, DefenseLayer, Detection } from './defense.js';
export { DEFENSE_LAYERS } from './defense.js';
// Writing a defence of one's own: define it, declare its detections, register it.
export { defineDefense } from './defense.js';
export { count, durationMs, flag, oneOf, probability, real } from './fields.js';
export { registerDefense } from './registry.js';
export { declaredDetections, type DeclaredDetections } from './detections.js';
export { installedDefense } from './installed.js';

// Client-side helpers: how an app or an attacker answers what a defence asks.
export { solveChallenge, type ChallengeSolution, type ChallengeSolver } from './bot-detection.js';
export { latestSecondFactorCode, authenticatorCode } from './two-factor.js';
export { breachCorpus, BreachCorpus } from './breach-corpus.js';
export { createAccountChecked, changePasswordChecked, type PasswordCheck } from './breached-password.js';
export { ownerNotices, type LoginAlertNotice, type OwnerPasswordChange } from './owner-notices.js';
export { SlidingWindowLimiter } from './window-limiter.js';
