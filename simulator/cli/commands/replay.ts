import { readFileSync } from 'node:fs';
import { replay, replaySchema, type ReplayFile } from '../../demo/replay.js';
import { InputError } from '../../runner/input-error.js';
import { validateRun } from '../../runner/run-scenario.js';
import { parseFlags } from '../flags.js';
import { loadScenario } from '../scenario-loader.js';

export const REPLAY_HELP = `Usage: smarthome-sim replay FILE

Replays a classroom demo from the file its "copy replay command" button gives: the same
scenario, seed, town and parameters, and every defence toggle and HTTP login at the virtual
time it happened, run as fast as the machine goes. Prints the event-log hash, which is the
demo's (eventLogSha256 in the file), byte for byte.

Exit codes: 0 replayed (and the hash matches the file's, when it has one), 1 the hash differs,
2 bad input (the message names the file and the field).`;

function readReplayFile(path: string): ReplayFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`FILE: cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`FILE: "${path}" is not JSON`);
  }
  const parsed = replaySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`FILE: "${path}": ${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  return parsed.data;
}

export async function replayCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { help: { type: 'boolean', short: 'h' } } as const);
  if (values.help) {
    console.log(REPLAY_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new InputError(`FILE: expected one replay file, got ${positionals.length}`);
  const file = readReplayFile(positionals[0]!);
  const scenario = await loadScenario(file.scenario);
  validateRun(scenario, { seed: file.seed, homes: file.homes, defenses: file.defenses, set: file.set });
  const run = await replay(scenario, file);
  const sha256 = run.sim.world.log.digest();
  const events = run.sim.world.log.size;
  await run.sim.stop();
  console.log(`eventLog.sha256=${sha256}`);
  console.log(`eventLog.events=${events}`);
  if (file.eventLogSha256 === undefined) return 0;
  const same = file.eventLogSha256 === sha256;
  console.log(same ? 'same as the demo' : `DIFFERS from the demo's ${file.eventLogSha256}`);
  return same ? 0 : 1;
}
