import type { ScenarioDefinition } from '../simulator/runner/scenario.js';
import accountTakeover from './account-takeover.js';
import baseline from './baseline.js';
import bruteForce from './brute-force.js';
import credentialStuffing from './credential-stuffing.js';
import passwordSpraying from './password-spraying.js';

/** The built-in scenarios, in the order `smarthome-sim list` shows them. */
export const BUILT_IN_SCENARIOS: readonly ScenarioDefinition[] = [baseline, credentialStuffing, passwordSpraying, bruteForce, accountTakeover];
