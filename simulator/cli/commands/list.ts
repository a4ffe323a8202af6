import { BUILT_IN_SCENARIOS } from '../../../scenarios/index.js';
import { listDeviceCatalog } from '../../../devices/catalog-listing.js';
import { DEFENSE_LAYERS, DEFENSE_NAMES, definitionOf, PROFILE_NAMES, PROFILES, type Profile } from '../../defenses/index.js';
import { renderTable } from '../../metrics/render-text.js';
import { InputError } from '../../runner/input-error.js';
import { parseFlags } from '../flags.js';

export const LIST_HELP = `Usage: smarthome-sim list [scenarios|defenses|devices]

Lists what a run can be made of:
  scenarios   the built-in scenarios with their default size and duration (the default)
  defenses    every defence with its layer (the choke point it plugs into) and the
              control it models, then the profiles
  devices     the device kinds, what they publish and obey, and their parameters`;

const TOPICS = ['scenarios', 'defenses', 'devices'] as const;

function listScenarios(): string {
  const rows = BUILT_IN_SCENARIOS.map((s) => [s.name, String(s.defaults?.homes ?? 100), s.defaults?.duration ?? '24h', s.summary]);
  return `${renderTable(['scenario', 'homes', 'duration', 'what it runs'], rows, [1])}\n\nRun one: smarthome-sim run <scenario> --seed 42   ·   your own: smarthome-sim run ./my-scenario.ts`;
}

/** Every defence (built-in and registered) grouped by layer, then the profiles. */
export function listDefenses(): string {
  const rows = DEFENSE_LAYERS.flatMap((layer) =>
    DEFENSE_NAMES.filter((name) => definitionOf(name).layer === layer).map((name) => {
      const definition = definitionOf(name);
      return [name, layer, definition.onByDefault ? 'on' : '', definition.models];
    }),
  );
  const profiles = PROFILE_NAMES.map((name) => {
    const profile: Profile = PROFILES[name];
    const parts = [...profile.defenses.map((d) => d.name), ...(profile.off ?? []).map((d) => `${d} off`)];
    return [name, parts.join(', ') || '(nothing)', profile.description];
  });
  return [
    renderTable(['defence', 'layer', 'default', 'control it models'], rows, []),
    '',
    renderTable(['profile', 'defences', 'what it is'], profiles, []),
    '',
    'Mix layers in one set: --defenses ring-2020,tenant-acl   ·   parameters: --set lockout.threshold=5',
  ].join('\n');
}

export function listDevices(): string {
  const rows = listDeviceCatalog().map((k) => [k.kind, k.publishes.join(', '), k.commands.join(', '), k.capabilities.join(', '), k.summary]);
  const params = listDeviceCatalog().flatMap((k) => k.parameters.map((p) => [p.name, JSON.stringify(p.default), p.description ?? '']));
  return [renderTable(['device', 'publishes', 'obeys', 'can', 'what it is'], rows, []), '', renderTable(['parameter', 'default', 'meaning'], params, [])].join('\n');
}

export async function listCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { help: { type: 'boolean', short: 'h' } }, true);
  if (values.help) {
    console.log(LIST_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new InputError(`list: expected at most one of ${TOPICS.join(', ')}, got ${positionals.join(' ')}`);
  const topic = positionals[0] ?? 'scenarios';
  if (!(TOPICS as readonly string[]).includes(topic)) throw new InputError(`list: expected one of ${TOPICS.join(', ')}, got "${topic}"`);
  console.log(topic === 'defenses' ? listDefenses() : topic === 'devices' ? listDevices() : listScenarios());
  return 0;
}
