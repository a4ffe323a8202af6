import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectRefused, runCli } from './run-cli.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'smarthome-sim-meaning-'));
const TINY = ['--homes', '3', '--duration', '1h'];
const RUN = ['run', 'baseline', ...TINY];
const SWEEP = ['sweep', 'baseline', '--seeds', '2', ...TINY];

/** Input that parses but means nothing, or not what it says: exit 2, one line naming it, nothing written. */
const CASES: Array<{ what: string; args: string[]; mentions: string[] }> = [
  { what: 'a seed listed twice', args: [...SWEEP, '--seeds', '1,1'], mentions: ['--seeds', '1,1'] },
  { what: 'a defence named twice', args: [...RUN, '--defenses', 'lockout,lockout'], mentions: ['--defenses', 'lockout,lockout'] },
  { what: 'a defence named twice in a sweep set', args: [...SWEEP, '--defenses', 'none,lockout+lockout'], mentions: ['--defenses', 'lockout'] },
  { what: 'an empty defence list', args: [...RUN, '--defenses', ''], mentions: ['--defenses', '""'] },
  { what: 'an empty defence list in a sweep', args: [...SWEEP, '--defenses', ''], mentions: ['--defenses', '""'] },
  { what: 'an empty name in a sweep set', args: [...SWEEP, '--defenses', 'none,lockout+'], mentions: ['--defenses', 'lockout+'] },
  { what: 'a --set of a defence that is off', args: [...RUN, '--set', 'lockout.threshold=5'], mentions: ['--set', 'lockout.threshold=5', 'lockout', 'not in the defence set'] },
  { what: 'a --set of a defence no sweep set has', args: [...SWEEP, '--defenses', 'none,rate-limit-ip', '--set', 'lockout.threshold=5'], mentions: ['--set', 'lockout.threshold=5', 'lockout'] },
  { what: '__proto__ in a --set key', args: [...RUN, '--set', '__proto__.x=1'], mentions: ['--set', '__proto__.x'] },
  { what: 'constructor in a --set key', args: [...RUN, '--set', 'constructor.prototype.x=1'], mentions: ['--set', 'constructor.prototype.x'] },
  { what: 'prototype in a --set key', args: [...RUN, '--set', 'doorbell.prototype=1'], mentions: ['--set', 'doorbell.prototype'] },
  { what: '__proto__ inside a JSON --set value', args: [...RUN, '--set', 'doorbell={"__proto__":{"x":1}}'], mentions: ['__proto__'] },
  { what: 'a parameter set twice', args: [...RUN, '--set', 'doorbell.motionPerDay=5', '--set', 'doorbell.motionPerDay=6'], mentions: ['--set', 'doorbell.motionPerDay'] },
  { what: 'a negative count as a separate argument', args: ['run', 'baseline', '--duration', '1h', '--homes', '-5'], mentions: ['--homes', '"-5"', 'from 1 to'] },
  { what: 'a negative count after =', args: ['run', 'baseline', '--duration', '1h', '--homes=-5'], mentions: ['--homes', '"-5"', 'from 1 to'] },
  { what: 'a negative seed in a sweep', args: [...SWEEP, '--seed', '-1'], mentions: ['--seed', '"-1"'] },
  { what: 'a flag where a value belongs', args: ['run', 'baseline', '--duration', '1h', '--homes', '--seed'], mentions: ['--homes', '--seed'] },
  { what: 'a flag given twice', args: [...RUN, '--homes', '4'], mentions: ['--homes', '"3"', '"4"'] },
  { what: 'a fractional seed', args: [...RUN, '--seed', '1.5'], mentions: ['--seed', '1.5'] },
  { what: 'an exponent for a count', args: ['run', 'baseline', '--duration', '1h', '--homes', '1e3'], mentions: ['--homes', '1e3'] },
  { what: 'a hexadecimal speed', args: ['serve', '--port', '0', '--ws-port', '0', '--speed', '0x10'], mentions: ['--speed', '0x10'] },
];

describe('input that is accepted but means nothing is refused', () => {
  for (const { what, args, mentions } of CASES) {
    it(`${what}: ${args.slice(0, 2).join(' ')} … ${args.slice(-2).join(' ')}`, async () => {
      const dir = fresh();
      const withOutput = args[0] === 'serve' ? [...args, '--credentials-file', join(dir, 'c.json')] : [...args, '--json', join(dir, 'r.json')];
      expectRefused(await runCli(withOutput), mentions, dir);
    });
  }

  it('accepts a --set of a defence that is on, and applies it', async () => {
    const dir = fresh();
    const file = join(dir, 'r.json');
    const result = await runCli([...RUN, '--defenses', 'lockout', '--set', 'lockout.threshold=5', '--json', file]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).params.defenses.lockout.threshold).toBe(5);
  });

  it('accepts a --set of a defence that only some sweep sets switch on', async () => {
    const dir = fresh();
    const file = join(dir, 'r.json');
    const result = await runCli(['sweep', 'baseline', '--seeds', '1', ...TINY, '--defenses', 'none,ring-2020', '--set', 'login-alerts.reactProbability=0.5', '--json', file]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).sets).toHaveLength(2);
  });
});
