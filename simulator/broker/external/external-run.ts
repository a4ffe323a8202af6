import { definitionOf, type ConfiguredDefense } from '../../defenses/catalog.js';
import { InputError } from '../../runner/input-error.js';

/**
 * Scenarios that speak to the in-process aedes itself rather than through links, so against
 * an external broker they would measure nothing: broker-dos writes raw packets into aedes'
 * streams (scenarios/wire/broker-dos.ts). The malformed-packet comparison against Mosquitto
 * is bench/fuzz-mosquitto.ts instead.
 */
export const IN_PROCESS_ONLY_SCENARIOS: readonly string[] = ['broker-dos'];

/** What `--broker` cannot be combined with; InputError (exit 2) before anything is built. */
export function checkExternalRun(scenario: string, transport: string | undefined, defenses: readonly ConfiguredDefense[]): void {
  if (IN_PROCESS_ONLY_SCENARIOS.includes(scenario)) throw new InputError(`--broker: scenario "${scenario}" talks to the in-process broker's own streams and cannot run against an external broker`);
  // Broker-layer defences are policies of the in-process aedes; on an external broker its own
  // configuration is the defence (mosquitto-config's files), so naming one would change nothing.
  const brokerLayer = defenses.filter((d) => !d.byDefault && definitionOf(d.name).layer === 'broker').map((d) => d.name);
  if (brokerLayer.length > 0) throw new InputError(`--defenses: ${brokerLayer.join(', ')} guard the in-process broker; with --broker the external broker's own configuration decides (see mosquitto-config)`);
  if (transport === 'direct') throw new InputError('--transport: "direct" is the in-process fast path; with --broker every link is a real MQTT client over TCP (leave --transport out)');
}
