import { BUILT_IN_SCENARIOS } from '../../../scenarios/index.js';
import { renderTable } from '../../metrics/render-text.js';
import { parseFlags } from '../flags.js';

export const LIST_HELP = `Usage: smarthome-sim list

Lists the built-in scenarios with their default size and duration.`;

export async function listCommand(args: readonly string[]): Promise<number> {
  const { values } = parseFlags(args, { help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    console.log(LIST_HELP);
    return 0;
  }
  const rows = BUILT_IN_SCENARIOS.map((s) => [s.name, String(s.defaults?.homes ?? 100), s.defaults?.duration ?? '24h', s.summary]);
  console.log(renderTable(['scenario', 'homes', 'duration', 'what it runs'], rows, [1]));
  console.log('\nRun one: smarthome-sim run <scenario> --seed 42   ·   your own: smarthome-sim run ./my-scenario.ts');
  return 0;
}
