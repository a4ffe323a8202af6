#!/usr/bin/env node
// Brings the Debian packages the test suite needs, before vitest starts: `npm test` runs this
// first, and so does `.ci/run`. It installs what is missing when it can (root or passwordless
// sudo, with apt-get) and otherwise stops within seconds naming the one command to run, so a
// test is never skipped for a missing tool and never fails minutes into the run.
//
// Plain JavaScript on purpose: it must run on a fresh clone before anything else is set up.
//
//   node scripts/test-prerequisites.mjs           install what is missing, or explain
//   node scripts/test-prerequisites.mjs --check   only report; exit 1 if anything is missing
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Each Debian package with the programs the tests run from it. Tests that need another
 * system tool (chromium, redis-server) add its package here and nowhere else.
 */
export const REQUIRED_PACKAGES = [
  { name: 'mosquitto', programs: ['mosquitto'], usedBy: 'test/integration/mosquitto-broker.test.ts (a real external broker)' },
  { name: 'mosquitto-clients', programs: ['mosquitto_sub', 'mosquitto_pub'], usedBy: 'test/integration/serve.test.ts and the MQTT conformance tests' },
  { name: 'redis-server', programs: ['redis-server'], usedBy: 'test/integration/distributed-sweep.test.ts (BullMQ queue for sweep --queue)' },
  { name: 'nmap', programs: ['nmap'], usedBy: 'test/integration/real-tools.test.ts (nmap\'s mqtt-subscribe script against serve)' },
  { name: 'chromium', programs: ['chromium'], usedBy: 'test/e2e/dashboard.test.ts (the classroom dashboard, driven by playwright-core)' },
  ...extraRequirements(process.env.SMARTHOME_SIM_EXTRA_PREREQUISITES),
];

/** A test seam: "package:program,package:program" adds requirements (test/unit/test-prerequisites.test.ts). */
function extraRequirements(spec) {
  if (!spec) return [];
  return spec.split(',').map((pair) => {
    const [name, program] = pair.split(':');
    if (!/^[a-z0-9][a-z0-9+.-]*$/.test(name ?? '') || !/^[A-Za-z0-9_.-]+$/.test(program ?? '')) {
      throw new Error(`SMARTHOME_SIM_EXTRA_PREREQUISITES: expected package:program pairs, got "${pair}"`);
    }
    return { name, programs: [program], usedBy: 'SMARTHOME_SIM_EXTRA_PREREQUISITES' };
  });
}

/** Daemons live in sbin, which is not on every user's PATH. */
const EXTRA_DIRS = ['/usr/sbin', '/sbin', '/usr/local/sbin'];

function hasProgram(program) {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
  return found || EXTRA_DIRS.some((dir) => existsSync(`${dir}/${program}`));
}

function missingPackages() {
  return REQUIRED_PACKAGES.filter((pkg) => !pkg.programs.every(hasProgram));
}

/** How we may install: as root, through passwordless sudo, or not at all. */
function installer() {
  if (!hasProgram('apt-get')) return undefined;
  if (typeof process.getuid === 'function' && process.getuid() === 0) return [];
  if (hasProgram('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 5_000 }).status === 0) return ['sudo', '-n'];
  return undefined;
}

function run(prefix, args, timeoutMs) {
  const [command, ...rest] = [...prefix, ...args];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const result = spawnSync(command, rest, { stdio: ['ignore', 'ignore', 'inherit'], env, timeout: timeoutMs });
  return result.status === 0;
}

function main() {
  const missing = missingPackages();
  if (missing.length === 0) return 0;
  const names = missing.map((pkg) => pkg.name);
  const command = `sudo apt-get install -y --no-install-recommends ${names.join(' ')}`;
  const list = missing.map((pkg) => `  ${pkg.name} (${pkg.programs.join(', ')}): ${pkg.usedBy}`).join('\n');
  const checkOnly = process.argv.includes('--check');
  const prefix = checkOnly ? undefined : installer();
  if (prefix === undefined) {
    console.error(`smarthome-sim tests need Debian packages that are not installed:\n${list}\nRun:\n  ${command}\nthen npm test again.`);
    return 1;
  }
  console.error(`smarthome-sim tests: installing ${names.join(', ')} with apt-get`);
  const installArgs = ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...names];
  // Try the package lists we have first; a fresh machine often has none, so update once and retry.
  const installed = run(prefix, installArgs, 600_000) || (run(prefix, ['apt-get', 'update', '-qq'], 600_000) && run(prefix, installArgs, 600_000));
  const still = missingPackages();
  if (!installed || still.length > 0) {
    console.error(`smarthome-sim tests: apt-get could not install ${still.map((pkg) => pkg.name).join(', ') || names.join(', ')}.\nRun:\n  ${command}\nthen npm test again.`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
