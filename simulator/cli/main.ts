import { InputError } from '../runner/input-error.js';
import { OutputWriteError } from './output-files.js';

type Command = (args: readonly string[]) => Promise<number>;

/**
 * Subcommands by name; later commands register here. Each loads its module on use, so
 * `--help` and a `run` load only what they need (start-up, issue 18).
 */
export const COMMANDS: Record<string, { run: Command; summary: string }> = {
  list: { run: async (args) => (await import('./commands/list.js')).listCommand(args), summary: 'list the built-in scenarios' },
  run: { run: async (args) => (await import('./commands/run.js')).runCommand(args), summary: 'run one scenario for one seed and print its metrics' },
  sweep: { run: async (args) => (await import('./commands/sweep.js')).sweepCommand(args), summary: 'compare defence sets over many seeds: mean ± 95% CI per metric' },
  serve: { run: async (args) => (await import('./commands/serve.js')).serveCommand(args), summary: 'run a town live on a loopback broker that any MQTT client can watch' },
  worker: { run: async (args) => (await import('./commands/worker.js')).workerCommand(args), summary: 'run sweep runs from a Redis queue (sweep --queue), on any number of machines' },
  'mosquitto-config': {
    run: async (args) => (await import('./commands/mosquitto-config.js')).mosquittoConfigCommand(args),
    summary: "write a Mosquitto config (passwords, tenant ACL, hardening) equivalent to the simulator's broker",
  },
  demo: { run: async (args) => (await import('./commands/demo.js')).demoCommand(args), summary: 'the classroom: a live town, its dashboard in the browser, defence toggles and lessons' },
  replay: { run: async (args) => (await import('./commands/replay.js')).replayCommand(args), summary: 'replay a classroom demo from its replay file to the same event-log hash' },
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
