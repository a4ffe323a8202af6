import { InputError } from '../runner/input-error.js';
import { listCommand } from './commands/list.js';
import { runCommand } from './commands/run.js';
import { sweepCommand } from './commands/sweep.js';
import { serveCommand } from './commands/serve.js';
import { demoCommand } from './commands/demo.js';
import { replayCommand } from './commands/replay.js';
import { OutputWriteError } from './output-files.js';

type Command = (args: readonly string[]) => Promise<number>;

/** Subcommands by name; later commands (sweep, serve) register here. */
export const COMMANDS: Record<string, { run: Command; summary: string }> = {
  list: { run: listCommand, summary: 'list the built-in scenarios' },
  run: { run: runCommand, summary: 'run one scenario for one seed and print its metrics' },
  sweep: { run: sweepCommand, summary: 'compare defence sets over many seeds: mean ± 95% CI per metric' },
  serve: { run: serveCommand, summary: 'run a town live on a loopback broker that any MQTT client can watch' },
  demo: { run: demoCommand, summary: 'the classroom: a live town, its dashboard in the browser, defence toggles and lessons' },
  replay: { run: replayCommand, summary: 'replay a classroom demo from its replay file to the same event-log hash' },
};

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'smarthome-sim — a smart-home security simulator: doorbells, owners and a vendor cloud on a real MQTT broker, attacked and defended, measured.',
    '',
    'Usage: smarthome-sim <command> [options]   (smarthome-sim <command> --help for its options)',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

/** Runs the CLI; returns the process exit code (0 ok, 2 bad input, 1 failure). */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new InputError(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
    return await command.run(rest);
  } catch (error) {
    if (error instanceof InputError) {
      console.error(`smarthome-sim: ${error.message}`);
      return 2;
    }
    if (error instanceof OutputWriteError) {
      console.error(`smarthome-sim: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
