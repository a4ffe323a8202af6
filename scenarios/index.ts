import type { ScenarioDefinition } from '../simulator/runner/scenario.js';
import accountTakeover from './account-takeover.js';
import algorithmicDisgorgement from './algorithmic-disgorgement.js';
import baseline from './baseline.js';
import bruteForce from './brute-force.js';
import childProfiles from './child-profiles.js';
import credentialStuffing from './credential-stuffing.js';
import deletionRequest from './deletion-request.js';
import passwordSpraying from './password-spraying.js';
import insiderBrowsing from './insider-browsing.js';
import contractorAccess from './contractor-access.js';
import staffAccountTakeover from './staff-account-takeover.js';
import aclBypass from './wire/acl-bypass.js';
import brokerDos from './wire/broker-dos.js';
import clientIdTakeover from './wire/client-id-takeover.js';
import connectBruteForce from './wire/connect-brute-force.js';
import deviceImpersonation from './wire/device-impersonation.js';
import mqttRecon from './wire/mqtt-recon.js';
import commandReplay from './wire/command-replay.js';

/** The built-in scenarios, in the order `smarthome-sim list` shows them. */
export const BUILT_IN_SCENARIOS: readonly ScenarioDefinition[] = [
  baseline,
  credentialStuffing,
  passwordSpraying,
  bruteForce,
  accountTakeover,
  // Staff and insiders (issue 14).
  insiderBrowsing,
  contractorAccess,
  staffAccountTakeover,
  // The data lifecycle (issue 15).
  deletionRequest,
  childProfiles,
  algorithmicDisgorgement,
  // Attacks on the wire (issue 17, docs/wire-attacks.md).
  mqttRecon,
  deviceImpersonation,
  clientIdTakeover,
  connectBruteForce,
  brokerDos,
  aclBypass,
  commandReplay,
];

/**
 * The built-in scenario called `name`; anything else throws `makeError(message)` with a
 * message that names it and lists the known ones (InputError for the CLI, RangeError for
 * the API), so every caller reports an unknown name the same way.
 */
export function builtInScenario(name: string, makeError: (message: string) => Error = (m) => new RangeError(m)): ScenarioDefinition {
  const found = BUILT_IN_SCENARIOS.find((s) => s.name === name);
  if (!found) throw makeError(`unknown scenario "${name}"; known: ${BUILT_IN_SCENARIOS.map((s) => s.name).join(', ')}`);
  return found;
}
