import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectRefused, runCli } from './run-cli.js';

/**
 * A user's own scenario, written as docs/scenarios.md says, in a directory outside the
 * project with no package.json and no node_modules: it imports only from 'smarthome-sim'.
 */
const MY_SCENARIO = `import { defineScenario, z } from 'smarthome-sim';

export default defineScenario({
  name: 'porch-watch',
  summary: 'Counts rings and motion on a quiet street',
  params: z.object({ bonus: z.number().default(7) }).strict(),
  defaults: { homes: 5, duration: '2h' },
  setup({ sim }) {
    sim.recorder.count('device.ding', 'events.ding');
    sim.recorder.count('device.motion', 'events.motion');
  },
  finish({ params, durationMs }) {
    return { 'porch.bonus': params.bonus, 'porch.hours': durationMs / 3_600_000 };
  },
});
`;

/** A copy of scenarios/baseline.ts with only its import changed, zod imported as usual. */
const COPIED_BASELINE = readFileSync(new URL('../../scenarios/baseline.ts', import.meta.url), 'utf8')
  .replace("'../simulator/runner/scenario.js'", "'smarthome-sim'")
  .replace("name: 'baseline'", "name: 'my-baseline'");

/** A login attack of one's own from the attack building blocks, also outside the project. */
const MY_ATTACK = `import { ComboList, StuffingSource, comboSchema, defineAttackScenario } from 'smarthome-sim/attackers';

export default defineAttackScenario({
  name: 'half-list-stuffing',
  summary: 'Stuffing with only the first half of the combo list',
  defaults: { homes: 20, duration: '2h' },
  attacker: 'half-list',
  params: { combo: comboSchema.prefault({}) },
  plan({ sim, params }) {
    const list = new ComboList(sim.world.rng('attackers/half-list/combo-list'), sim.town.homes.slice(0, sim.town.homes.length / 2), params.combo);
    return { breach: list.passwords(), source: new StuffingSource(list, params.attack.variants) };
  },
});
`;

const fresh = () => mkdtempSync(join(tmpdir(), 'smarthome-sim-user-'));

describe('a scenario file anywhere, importing from smarthome-sim', () => {
  it('runs from a temp directory outside the project (.ts, no package.json)', async () => {
    const dir = fresh();
    const file = join(dir, 'my-scenario.ts');
    writeFileSync(file, MY_SCENARIO);
    const json = join(dir, 'report.json');
    const result = await runCli(['run', file, '--homes', '3', '--duration', '1h', '--set', 'bonus=11', '--json', json]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('smarthome-sim run porch-watch  seed=1  homes=3  duration=1h');
    expect(result.stdout).toMatch(/porch\.hours\s+1\b/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.scenario).toBe('porch-watch');
    expect(report.metrics['porch.bonus']).toBe(11);
    expect(report.metrics['messages.status']).toBeGreaterThan(0);
  });

  it('runs a copy of the baseline scenario as .mts that imports zod, which only the simulator has', async () => {
    const dir = fresh();
    const file = join(dir, 'copy.mts');
    writeFileSync(file, COPIED_BASELINE);
    const result = await runCli(['run', file, '--homes', '3', '--duration', '1h']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toContain('smarthome-sim run my-baseline');
  });

  it('runs an attack scenario of one\'s own built from smarthome-sim/attackers, with defences', async () => {
    const dir = fresh();
    const file = join(dir, 'half-list.ts');
    writeFileSync(file, MY_ATTACK);
    const json = join(dir, 'attack.json');
    const result = await runCli(['run', file, '--homes', '10', '--duration', '2h', '--defenses', 'lockout', '--set', 'attack.ratePerMinute=60', '--json', json]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.scenario).toBe('half-list-stuffing');
    expect(report.defenses).toEqual(['lockout', 'tenant-acl', 'unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed']);
    expect(report.metrics['attack.attempts']).toBeGreaterThan(0);
  });
});

/** The example file of docs/scenarios.md, "Your own scenario", exactly as the reader sees it. */
function docsExample(): string {
  const doc = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Your own scenario'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('docs/scenarios.md: no ts example under "Your own scenario"');
  return match[1]!;
}

describe('the example of docs/scenarios.md', () => {
  it('runs as written, from a directory outside the project', async () => {
    const dir = fresh();
    const file = join(dir, 'porch-watch.ts');
    writeFileSync(file, docsExample());
    const json = join(dir, 'porch.json');
    const result = await runCli(['run', file, '--homes', '3', '--duration', '1h', '--set', 'busyStreet=true', '--json', json]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.scenario).toBe('porch-watch');
    expect(report.metrics.days).toBeCloseTo(1 / 24);
    expect(report.params.doorbell.motionPerDay).toBe(36); // busyStreet tripled the default 12
  });
});

describe('a scenario file that cannot be used exits 2 with one line naming the file', () => {
  const CASES: Array<{ what: string; source: string; mentions: string[] }> = [
    { what: 'a syntax error', source: 'export default defineScenario({ name: "x",\n', mentions: ['cannot load'] },
    { what: 'a throw at load time', source: 'throw new Error("first line\\nsecond line");\n', mentions: ['first line second line'] },
    { what: 'an unchanged copy of a built-in (relative imports)', source: readFileSync(new URL('../../scenarios/baseline.ts', import.meta.url), 'utf8'), mentions: ["import from 'smarthome-sim'"] },
    { what: 'a copy that keeps the built-in name', source: COPIED_BASELINE.replace("name: 'my-baseline'", "name: 'baseline'"), mentions: ['"baseline"', 'built-in'] },
    { what: 'no default export', source: 'export const x = 1;\n', mentions: ['default-export'] },
  ];
  for (const { what, source, mentions } of CASES) {
    it(what, async () => {
      const dir = fresh();
      const file = join(dir, 'broken.ts');
      writeFileSync(file, source);
      const out = fresh();
      const result = await runCli(['run', file, '--homes', '3', '--duration', '1h', '--json', join(out, 'r.json')]);
      expectRefused(result, [file, ...mentions], out);
    });
  }
});
