import type { ScenarioDefinition } from '../simulator/runner/scenario.js';
import baseline from './baseline.js';

/** The built-in scenarios, in the order `smarthome-sim list` shows them. */
export const BUILT_IN_SCENARIOS: readonly ScenarioDefinition[] = [baseline];
