import { formatDurationMs } from '../../core/duration.js';
import { DEFENSE_NAMES, PROFILE_NAMES } from '../../defenses/index.js';
import { renderRunReport } from '../../metrics/render-text.js';
import { reportToJson } from '../../metrics/report.js';
import { InputError } from '../../runner/input-error.js';
import { checkDefenseList, checkSetDefensesInstalled, defenseSpecOf } from '../../runner/defense-options.js';
import { checkRunOptions, runScenario, validateRun, type RunOptions } from '../../runner/run-scenario.js';
import { choiceFlag, COMMON_RUN_FLAGS, intFlag, parseFlags } from '../flags.js';
import { LogFile } from '../log-file.js';
import { checkOutputPaths, writeOutputsAtomic } from '../output-files.js';
import { ProgressBar } from '../progress-bar.js';
import { loadScenario } from '../scenario-loader.js';
import { externalBrokerTarget } from '../../broker/external/broker-target.js';

export const RUN_HELP = `Usage: smarthome-sim run <scenario | ./file.ts> [options]

Runs one scenario for one seed and prints its metrics.

Options:
  --seed N            seed that drives every random choice (default 1); printed first
  --homes N           homes in town (default: the scenario's)
  --duration D        simulated time: 90m, 24h, 7d (default: the scenario's)
  --transport T       mqtt (one MQTT packet per message) | direct (fast path) |
                      auto (default: mqtt up to 2,000 homes, direct above)
  --defenses LIST     defences and profiles, comma-separated (default: the scenario's, else none):
                      ${DEFENSE_NAMES.join(', ')};
                      profiles ${PROFILE_NAMES.join(', ')}
  --set key=value     any parameter by dotted name, repeatable (doorbell.motionPerDay=20,
                      population.reuseRate=0.5, lockout.threshold=5, 2fa-mandatory.method=totp)
  --json FILE         write the report as JSON (schemaVersion 1)
  --log FILE.jsonl    write the run's event log as JSON lines, one event a line: exactly the
                      bytes the report's event-log SHA-256 is taken over (sha256sum FILE matches)
  --broker URL        run the town on an external MQTT 3.1.1 broker, mqtt://127.0.0.1:PORT
                      (devices, apps, the cloud's ingest and attackers over TCP; docs/mosquitto.md)
  --broker-credentials FILE   with --broker: the credentials.json mosquitto-config wrote for this town
  --allow-remote-broker HOST  with --broker: allow that one non-loopback host
  -h, --help          this text

Exit codes: 0 success, 2 bad input (the message names the field and the value).`;

const RUN_FLAGS = {
  ...COMMON_RUN_FLAGS,
  log: { type: 'string' },
  broker: { type: 'string' },
  'broker-credentials': { type: 'string' },
  'allow-remote-broker': { type: 'string' },
} as const;

export async function runCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, RUN_FLAGS);
  if (values.help) {
    console.log(RUN_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new InputError(`run: expected one scenario name or file, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}`);
  for (const flag of ['csv', 'html'] as const) {
    if (values[flag] !== undefined) throw new InputError(`--${flag}: not supported by run yet (got "${values[flag]}")`);
  }
  checkOutputPaths([
    { flag: 'json', path: values.json, extension: '.json' },
    { flag: 'log', path: values.log, extension: '.jsonl' },
  ]);
  if (values.defenses !== undefined) checkDefenseList(values.defenses);
  const scenario = await loadScenario(positionals[0]!);
  const options: RunOptions = {
    seed: intFlag('seed', values.seed, 0, Number.MAX_SAFE_INTEGER) ?? 1,
    homes: intFlag('homes', values.homes, 1, 200_000),
    duration: values.duration,
    transport: choiceFlag('transport', values.transport, ['mqtt', 'direct', 'auto'] as const),
    defenses: values.defenses,
    set: values.set ?? [],
    broker: externalBrokerTarget({ broker: values.broker, credentials: values['broker-credentials'], allowRemote: values['allow-remote-broker'] }),
  };
  // Validate everything before the first simulated second (exit 2, nothing written).
  const { homes, durationMs } = checkRunOptions(scenario, options);
  validateRun(scenario, options);
  checkSetDefensesInstalled([defenseSpecOf(scenario, options)], options.set ?? []);
  const defenses = options.defenses ?? scenario.defaults?.defenses;
  console.log(`smarthome-sim run ${scenario.name}  seed=${options.seed}  homes=${homes}  duration=${formatDurationMs(durationMs)}${defenses ? `  defenses=${defenses}` : ''}${options.broker ? `  broker=${options.broker.url}` : ''}`);
  const progress = new ProgressBar('simulating');
  const logFile = values.log === undefined ? undefined : new LogFile(values.log);
  let report;
  try {
    ({ report } = await runScenario(scenario, { ...options, logSink: logFile?.sink, onProgress: (p) => progress.update(p.nowMs / p.endMs) }));
  } catch (error) {
    logFile?.abandon();
    throw error;
  } finally {
    progress.stop();
  }
  logFile?.finish();
  console.log(`transport=${report.transport}\n`);
  console.log(renderRunReport(report));
  if (values.json) {
    writeOutputsAtomic([{ path: values.json, contents: reportToJson(report) }]);
    console.log(`\nwrote ${values.json}`);
  }
  if (values.log) console.log(`${values.json ? '' : '\n'}wrote ${values.log} (${report.eventLog.events.toLocaleString('en-US')} events, sha256 ${report.eventLog.sha256})`);
  return 0;
}
