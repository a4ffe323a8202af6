import { InputError } from '../../runner/input-error.js';

/**
 * Scenarios that speak to the in-process aedes itself rather than through links, so against
 * an external broker they would measure nothing: broker-dos writes raw packets into aedes'
 * streams (scenarios/wire/broker-dos.ts). The malformed-packet comparison against Mosquitto
 * is bench/fuzz-mosquitto.ts instead.
 */
export const IN_PROCESS_ONLY_SCENARIOS: readonly string[] = ['broker-dos'];

/** What `--broker` cannot be combined with; InputError (exit 2) before anything is built. */
export function checkExternalRun(scenario: string, transport: string | undefined): void {
  if (IN_PROCESS_ONLY_SCENARIOS.includes(scenario)) throw new InputError(`--broker: scenario "${scenario}" talks to the in-process broker's own streams and cannot run against an external broker`);
  if (transport === 'direct') throw new InputError('--transport: "direct" is the in-process fast path; with --broker every link is a real MQTT client over TCP (leave --transport out)');
}
