import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isHostile, isLegitimateUser } from '../../simulator/core/principals.js';
import { count, defineDefense, parseDefenses, registerDefense, type Detection } from '../../simulator/defenses/index.js';
import type { RunReport } from '../../simulator/metrics/report.js';
import { runScenario } from '../../simulator/runner/run-scenario.js';
import { scenario } from './helpers.js';

declare module '../../simulator/core/event-log.js' {
  interface EventTypes {
    /** The toy's tripwire: every `every`-th attempt it sees; only serious ones are detections. */
    'toy.flagged': { ip: string; serious: boolean };
    /** Logged for every attempt; declared nowhere, so never a detection. */
    'toy.note': { ip: string };
    /** Every successful login, raised while it is judged: a detection only when the login was hostile. */
    'toy.login-seen': { accountId: string | null };
  }
}

/**
 * A defence written here, not in simulator/: it never refuses anything, so the run's outcomes
 * are those of the same run without it; it only raises events, some of them declared as
 * detections. Nothing under simulator/metrics/ knows of it.
 */
const tripwire = defineDefense({
  name: 'toy-tripwire',
  layer: 'login',
  models: 'a test double: no control, only events',
  schema: z.object({ every: count(1, 1_000) }),
  defaults: { every: 50 },
  detects: [
    { event: 'toy.flagged', metric: 'detections.toyFlags', when: (e) => e.serious },
    { event: 'toy.login-seen', metric: 'detections.toyHostileLogins', of: 'hostile-login' },
  ],
  create(env, params) {
    let seen = 0;
    let flagged = 0;
    return {
      name: 'toy-tripwire',
      login: {
        name: 'toy-tripwire',
        beforePassword(ctx) {
          seen++;
          env.world.log.emit('toy.note', { ip: ctx.attempt.ip });
          if (seen % params.every === 0) {
            flagged++;
            env.world.log.emit('toy.flagged', { ip: ctx.attempt.ip, serious: (seen / params.every) % 2 === 1 });
          }
          return undefined;
        },
        onResult(ctx, outcome) {
          if (outcome === 'ok') env.world.log.emit('toy.login-seen', { accountId: ctx.account?.id ?? null });
        },
      },
      stats: () => ({ flagged }),
    };
  },
});

const RUN = { homes: 100, duration: '12h', transport: 'direct' as const };
const SEEDS = [1, 2, 3];

async function run(defenses: string, seed: number, set: string[] = []) {
  const { report, sim } = await runScenario(scenario('credential-stuffing'), { ...RUN, defenses, seed, set, retainLog: true });
  return { report, events: sim.world.log.events() };
}

function withoutToy(metrics: RunReport['metrics']): RunReport['metrics'] {
  return Object.fromEntries(Object.entries(metrics).filter(([k]) => !k.startsWith('detections') && !k.startsWith('defense.toy-tripwire')));
}

describe('detections are what the installed defences declare', () => {
  type Run = Awaited<ReturnType<typeof run>>;
  const before: Run[] = [];
  const registeredOff: Run[] = [];
  const on: Run[] = [];
  beforeAll(async () => {
    for (const seed of SEEDS) before.push(await run('login-alerts', seed));
    registerDefense(tripwire);
    for (const seed of SEEDS) registeredOff.push(await run('login-alerts', seed));
    for (const seed of SEEDS) on.push(await run('login-alerts,toy-tripwire', seed, ['toy-tripwire.every=20']));
  });

  it('a registered defence that is not installed changes nothing but adding its metrics at 0', () => {
    for (let i = 0; i < SEEDS.length; i++) {
      const a = before[i]!.report;
      const b = registeredOff[i]!.report;
      expect(b.eventLog).toEqual(a.eventLog);
      expect(b.metrics).toEqual({ ...a.metrics, 'detections.toyFlags': 0, 'detections.toyHostileLogins': 0 });
    }
  });

  it("the toy's declared events count in `detections` and its own metrics; its undeclared ones do not", () => {
    let toyFlags = 0;
    let hostileLogins = 0;
    let ownLogins = 0;
    for (let i = 0; i < SEEDS.length; i++) {
      const base = registeredOff[i]!.report.metrics;
      const { report, events } = on[i]!;
      const m = report.metrics;
      // The toy refuses nothing: every outcome is the run's without it.
      expect(withoutToy(m)).toEqual(withoutToy(base));
      expect(m['defense.toy-tripwire.flagged']).toBe(events.filter((e) => e.type === 'toy.flagged').length);
      const serious = events.filter((e) => e.type === 'toy.flagged' && (e as unknown as { serious: boolean }).serious).length;
      const logins = events.filter((e) => e.type === 'cloud.login') as unknown as Array<{ actor: string; outcome: string }>;
      const hostileOk = logins.filter((e) => isHostile(e.actor) && e.outcome === 'ok').length;
      const legitimateOk = logins.filter((e) => isLegitimateUser(e.actor) && e.outcome === 'ok').length;
      expect(events.filter((e) => e.type === 'toy.login-seen')).toHaveLength(hostileOk + legitimateOk);
      expect(m['detections.toyFlags']).toBe(serious);
      expect(m['detections.toyHostileLogins']).toBe(hostileOk);
      // The built-in defence's own detections are untouched.
      expect(m['detections.loginAlerts']).toBe(base['detections.loginAlerts']);
      expect(m.detections).toBe((base.detections as number) + serious + hostileOk);
      expect(events.some((e) => e.type === 'toy.note')).toBe(true);
      toyFlags += serious;
      hostileLogins += hostileOk;
      ownLogins += legitimateOk;
    }
    // Not vacuous: serious flags and hostile logins happened, and owners' own logins (not counted) too.
    console.log(`over ${SEEDS.length} seeds: ${toyFlags} serious flags, ${hostileLogins} hostile and ${ownLogins} owners' logins seen`);
    expect(toyFlags).toBeGreaterThan(0);
    expect(hostileLogins).toBeGreaterThan(0);
    expect(ownLogins).toBeGreaterThan(0);
  });
});

describe('registerDefense', () => {
  it('installs a registered defence after the built-in ones, and refuses a name that is taken or malformed', () => {
    // Registered in the suite above when it ran first; register here when this runs alone.
    if (!parseDefensesSafe('toy-tripwire')) registerDefense(tripwire);
    expect(parseDefenses('toy-tripwire,lockout', ['toy-tripwire.every=7']).map((d) => [d.name, d.params])).toEqual([
      ['lockout', expect.anything()],
      ['tenant-acl', {}],
      ['unique-device-credentials', {}],
      ['client-id-binding', {}],
      ['max-packet-size', expect.anything()],
      ['connect-timeout', expect.anything()],
      ['sys-topics-closed', {}],
      ['toy-tripwire', { every: 7 }],
    ]);
    expect(() => registerDefense(tripwire)).toThrow(/already exists/);
    expect(() => registerDefense({ ...tripwire, name: 'lockout' })).toThrow(/already exists/);
    expect(() => registerDefense({ ...tripwire, name: 'ring-2020' })).toThrow(/profile/);
    for (const name of ['Toy', 'toy.trip', 'toy,trip', '', 'x'.repeat(65), '-toy']) {
      expect(() => registerDefense({ ...tripwire, name })).toThrow(/kebab-case/);
    }
  });

  it('types a declaration by its event', () => {
    const ok: Detection[] = [{ event: 'toy.login-seen', of: 'hostile-login' }, { event: 'toy.note' }];
    // @ts-expect-error 'toy.note' names no account, so no login can decide it
    const noAccount: Detection = { event: 'toy.note', of: 'hostile-login' };
    // @ts-expect-error a declared metric is a detections.* key: it cannot overwrite another metric
    const elsewhere: Detection = { event: 'toy.note', metric: 'attack.takeovers' };
    // @ts-expect-error `when` sees the declared event's own fields
    const wrongField: Detection = { event: 'toy.note', when: (e) => e.serious };
    expect([ok, noAccount, elsewhere, wrongField]).toHaveLength(4);
  });
});

function parseDefensesSafe(spec: string): boolean {
  try {
    parseDefenses(spec);
    return true;
  } catch {
    return false;
  }
}
