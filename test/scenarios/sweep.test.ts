import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepToHtml } from '../../simulator/metrics/render-sweep-html.js';
import { renderSweepTable, sweepToCsv } from '../../simulator/metrics/render-sweep.js';
import { diffCi95, summarize, tCritical95 } from '../../simulator/metrics/statistics.js';
import { runScenario } from '../../simulator/runner/run-scenario.js';
import { runSweep, seedList } from '../../simulator/runner/sweep.js';
import { runCli } from '../cli/run-cli.js';
import { scenario } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'smarthome-sim-sweep-'));

describe('statistics', () => {
  it('uses Student t quantiles (table, then Cornish–Fisher)', () => {
    expect(tCritical95(1)).toBe(12.706);
    expect(tCritical95(9)).toBe(2.262);
    expect(tCritical95(19)).toBe(2.093);
    expect(tCritical95(60)).toBeCloseTo(2.0003, 3);
    expect(tCritical95(120)).toBeCloseTo(1.9799, 3);
  });

  it('mean ± CI and Welch difference', () => {
    const s = summarize([1, 2, 3, 4, null])!;
    expect(s.n).toBe(4);
    expect(s.mean).toBe(2.5);
    expect(s.ci95).toBeCloseTo(3.182 * Math.sqrt(5 / 3 / 4), 6);
    const d = diffCi95([10, 11, 12], [1, 2, 3]);
    expect(d.diff).toBe(9);
    expect(d.low).toBeGreaterThan(0);
  });
});

describe('run and sweep give identical metrics for the same seed', () => {
  it('in process: every sweep cell equals the single run with that seed and defence set', async () => {
    const common = { homes: 30, duration: '6h', transport: 'direct' as const, set: ['attack.ratePerMinute=20'] };
    const sweep = await runSweep(scenario('credential-stuffing'), { ...common, defenseSets: ['none', 'lockout+login-alerts'], seeds: [3, 4] });
    for (const set of sweep.sets) {
      for (const run of set.runs) {
        const { report } = await runScenario(scenario('credential-stuffing'), { ...common, seed: run.seed, defenses: set.defenses });
        expect(JSON.stringify(run.metrics)).toBe(JSON.stringify(report.metrics));
        expect(run.eventLog).toEqual(report.eventLog);
      }
    }
    expect(sweep.sets[1]!.installed).toEqual(['lockout', 'login-alerts', 'tenant-acl', 'unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed']);
    const table = renderSweepTable(sweep);
    expect(table).toContain('accounts taken over');
    expect(table).toContain('lockout+login-alerts');
    expect(sweepToCsv(sweep).split('\n')[0]).toBe('scenario,defenses,metric,n,mean,ci95,sd,min,max');
    const html = sweepToHtml(sweep);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(sweepToHtml(sweep)).toBe(html);
  });

  it('through the CLI: `run --json` and `sweep --json --csv --html` agree, and the files are written', async () => {
    const args = ['--homes', '30', '--duration', '6h', '--transport', 'direct', '--set', 'attack.ratePerMinute=20'];
    const runFile = join(dir, 'run.json');
    const run = await runCli(['run', 'credential-stuffing', '--seed', '5', '--defenses', 'ring-2020', '--json', runFile, ...args]);
    expect(run.code, run.stderr).toBe(0);
    const files = { json: join(dir, 's.json'), csv: join(dir, 's.csv'), html: join(dir, 's.html') };
    const sweep = await runCli(['sweep', 'credential-stuffing', '--defenses', 'none,ring-2020', '--seeds', '5,6', ...args, '--json', files.json, '--csv', files.csv, '--html', files.html]);
    expect(sweep.code, sweep.stderr).toBe(0);
    expect(sweep.stdout).toMatch(/mean ± 95% CI/);
    expect(sweep.stderr).toBe(''); // no progress bar without a terminal
    const fromRun = JSON.parse(readFileSync(runFile, 'utf8'));
    const fromSweep = JSON.parse(readFileSync(files.json, 'utf8'));
    const cell = fromSweep.sets.find((s: { defenses: string }) => s.defenses === 'ring-2020').runs.find((r: { seed: number }) => r.seed === 5);
    expect(cell.metrics).toEqual(fromRun.metrics);
    expect(fromRun.defenses).toEqual(['2fa-mandatory', 'login-alerts', 'tenant-acl', 'unique-device-credentials', 'client-id-binding', 'max-packet-size', 'connect-timeout', 'sys-topics-closed']);
    expect(readFileSync(files.csv, 'utf8')).toContain('credential-stuffing,ring-2020,attack.takeovers,2,');
    expect(readFileSync(files.html, 'utf8')).toContain('</svg>');
  });
});

describe('bad input names the field and exits 2', () => {
  it.each([
    [['sweep', 'credential-stuffing', '--defenses', 'none,firewall'], /--defenses: unknown defence "firewall"/],
    [['sweep', 'credential-stuffing', '--defenses', 'lockout', '--set', 'lockout.threshold=0'], /--set: invalid value for lockout.threshold: "0"/],
    [['run', 'credential-stuffing', '--set', 'population.reuseRate=2'], /population\.reuseRate=2/],
    [['run', 'credential-stuffing', '--set', 'combo.residentShare=-1'], /combo\.residentShare=-1/],
    [['run', 'brute-force', '--set', 'brute.target=3'], /unknown parameter brute\.target/],
    [['run', 'credential-stuffing', '--set', 'app.typoRate=0.2'], /--set app\.typoRate: this scenario sets app\.typoRate/],
    [['sweep', 'credential-stuffing', '--seeds', '0'], /--seeds/],
    [['sweep', 'credential-stuffing', '--csv', 'out.txt'], /--csv: expected a \.csv file/],
  ])('%j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('seed lists', () => {
    expect(seedList('3')).toEqual([1, 2, 3]);
    expect(seedList('3', 10)).toEqual([10, 11, 12]);
    expect(seedList('7,3')).toEqual([7, 3]);
  });
});
