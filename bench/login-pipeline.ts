import { pathToFileURL } from 'node:url';
import { World } from '../simulator/core/world.js';
import { Cloud } from '../simulator/cloud/cloud.js';
import { LoginPipeline, type LoginAttempt } from '../simulator/cloud/login-pipeline.js';
import { breachCorpus, installDefenses, parseDefenses, solveChallenge, type DefenseOverrides } from '../simulator/defenses/index.js';
import { median, type BenchResult } from './bench-result.js';

/**
 * Login pipeline throughput: attempts per wall-clock second through `LoginPipeline.login`
 * with defences installed, against a bare loop that only looks the account up and checks
 * the password with the same SimulatedHasher, on the same workload in the same process
 * (compare ratios, not absolute figures: the machine is shared and noisy).
 *
 * Workload: credential stuffing against 10,000 accounts — a combo list of 30,000 e-mails
 * (a third are customers), 2% of attempts on customers carry the right password, 20,000
 * proxy IPs, 500 bot fingerprints, one attempt every 10 virtual ms. The pipeline is a bare
 * LoginPipeline over the cloud's stores (no `cloud.login` event-log observer: the log's
 * JSON+SHA-256 per event is measured elsewhere); `login.cloud.all-with-event-log` adds it
 * back for reference. Cases:
 *   - none: the pipeline with no stage (its own overhead over the bare loop);
 *   - all: every defence, limits opened wide so every stage runs its full check on every
 *     attempt and every customer attempt reaches the hash (the worst case for overhead);
 *   - all-defaults-unsolved: every defence at defaults against a bot that never solves the
 *     challenge (each attempt refused by the first stage: the cheap path);
 *   - all-defaults-solving: every defence at defaults against a bot that pays a farm to solve
 *     each challenge (85 %) and retries at once with the pass: the flagship's mix, where a
 *     credential costs two login requests; every request counts as an attempt;
 *   - nist-defaults: the nist profile at defaults (rate limits, lockout, blocklist, opt-in 2FA).
 *
 * Bench code may read the wall clock (process.hrtime.bigint); simulation code never does.
 */
const ACCOUNTS = 10_000;
const COMBO_EMAILS = 30_000;
const PROXIES = 20_000;
const FINGERPRINTS = 500;
const ATTEMPTS = 300_000;
const ROUNDS = 5;
const VIRTUAL_MS_PER_ATTEMPT = 10;

/** `all`, with limits opened wide so every stage runs its full check on every attempt (the worst case for overhead). */
const ALL_FULL_PATH: DefenseOverrides = {
  'bot-detection.trigger': 'ip-velocity',
  'bot-detection.ipThreshold': 1_000_000,
  'rate-limit-ip.limit': 100_000,
  'rate-limit-account.limit': 100_000,
  'consecutive-fails.maxFails': 1_000,
  'lockout.threshold': 100_000,
  'login-alerts.reactProbability': 0,
};

function buildWorld(seed: number): { world: World; cloud: Cloud } {
  const world = new World({ seed });
  const cloud = new Cloud(world);
  for (let i = 0; i < ACCOUNTS; i++) {
    cloud.accounts.create({ id: `acct-${i}`, email: `user${i}@example.test`, password: `pw-${i}`, homeIds: [`home-${i}`], nowMs: 0 });
  }
  // Some reused passwords are in the public breach corpus (forces resets under breached-password).
  breachCorpus(cloud).addAll(Array.from({ length: ACCOUNTS / 10 }, (_, i) => `pw-${i * 10}`));
  return { world, cloud };
}

function buildWorkload(world: World): LoginAttempt[] {
  const random = world.rng('bench/workload');
  const emails = Array.from({ length: COMBO_EMAILS }, (_, i) => `user${i}@example.test`);
  const ips = Array.from({ length: PROXIES }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  const fingerprints = Array.from({ length: FINGERPRINTS }, (_, i) => `bot-${i}`);
  const attempts: LoginAttempt[] = [];
  for (let k = 0; k < ATTEMPTS; k++) {
    const i = random.int(0, COMBO_EMAILS - 1);
    const right = i < ACCOUNTS && random.chance(0.02);
    attempts.push({
      email: emails[i]!,
      password: right ? `pw-${i}` : `guess-${k % 1000}`,
      ip: ips[random.int(0, PROXIES - 1)]!,
      clientFingerprint: fingerprints[random.int(0, FINGERPRINTS - 1)]!,
      actor: 'attacker',
      // Always present, as in the attack campaign: one object shape for every attempt.
      challengePass: undefined,
    });
  }
  return attempts;
}

function perSecond(count: number, startNs: bigint): number {
  return count / (Number(process.hrtime.bigint() - startNs) / 1e9);
}

function runBare(cloud: Cloud, attempts: readonly LoginAttempt[]): { rate: number; ok: number } {
  const accounts = cloud.accounts;
  let ok = 0;
  const start = process.hrtime.bigint();
  for (let k = 0; k < attempts.length; k++) {
    const a = attempts[k]!;
    const account = accounts.findByEmail(a.email);
    if (account !== undefined && accounts.verifyPassword(account, a.password)) ok++;
  }
  return { rate: perSecond(attempts.length, start), ok };
}

function runPipeline(spec: string, overrides: DefenseOverrides, attempts: readonly LoginAttempt[], withLog: boolean, solving = false): number {
  const { world, cloud } = buildWorld(1);
  const pipeline = withLog ? cloud.login : new LoginPipeline(cloud.accounts, cloud.sessions, cloud.hasher, () => world.now());
  installDefenses(cloud, world, parseDefenses(spec, overrides), { pipeline });
  const scheduler = world.scheduler;
  let ok = 0;
  let requests = 0;
  const start = process.hrtime.bigint();
  for (let k = 0; k < attempts.length; k++) {
    scheduler.advanceTo(k * VIRTUAL_MS_PER_ATTEMPT);
    const attempt = attempts[k]!;
    let result = pipeline.login(attempt);
    requests++;
    if (solving && result.outcome === 'challenge') {
      const pass = solveChallenge(cloud, 'bot').passToken;
      if (pass !== null) {
        // A fresh request of the same shape, as the campaign sends it (a spread would make a new shape).
        const { email, password, ip, clientFingerprint, actor } = attempt;
        result = pipeline.login({ email, password, ip, clientFingerprint, actor, challengePass: pass });
        requests++;
      }
    }
    if (result.outcome === 'ok') ok++;
  }
  const rate = perSecond(requests, start);
  if (ok < 0) throw new Error('unreachable'); // keeps `ok` live so the loop is not optimised away
  return rate;
}


export async function benchLoginPipeline(): Promise<BenchResult[]> {
  const { world, cloud } = buildWorld(1);
  const attempts = buildWorkload(world);
  const cases = [
    { name: 'login.pipeline.none', spec: 'none', overrides: {}, withLog: false },
    { name: 'login.pipeline.all', spec: 'all', overrides: ALL_FULL_PATH, withLog: false },
    // Defaults, bot that never solves: every attempt is refused by the first stage (the cheap path).
    { name: 'login.pipeline.all-defaults-unsolved', spec: 'all', overrides: {}, withLog: false },
    // Defaults, bot that solves and retries: the flagship's mix of challenges and full checks.
    { name: 'login.pipeline.all-defaults-solving', spec: 'all', overrides: {}, withLog: false, solving: true },
    { name: 'login.pipeline.nist-defaults', spec: 'nist', overrides: {}, withLog: false },
    { name: 'login.cloud.all-with-event-log', spec: 'all', overrides: ALL_FULL_PATH, withLog: true },
  ];
  const bare: number[] = [];
  const rates = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  runBare(cloud, attempts.slice(0, 50_000)); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved so drift in machine load hits every case alike.
    bare.push(runBare(cloud, attempts).rate);
    for (const c of cases) rates.get(c.name)!.push(runPipeline(c.spec, c.overrides, attempts, c.withLog, 'solving' in c && c.solving));
  }
  const baseline = median(bare);
  const results: BenchResult[] = [{ name: 'login.bare-loop', value: Math.round(baseline), unit: 'attempts/s' }];
  for (const c of cases) {
    const value = median(rates.get(c.name)!);
    results.push({ name: c.name, value: Math.round(value), unit: 'attempts/s', baseline: Math.round(baseline), ratio: Number((value / baseline).toFixed(3)) });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchLoginPipeline()) console.log(JSON.stringify(r));
}
