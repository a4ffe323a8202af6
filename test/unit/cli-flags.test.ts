import { describe, expect, it } from 'vitest';
import { COMMON_RUN_FLAGS, intFlag, numberFlag, parseFlags } from '../../simulator/cli/flags.js';
import { checkDefenseList, checkSetDefensesInstalled } from '../../simulator/runner/defense-options.js';
import { parseDefenses } from '../../simulator/defenses/index.js';
import { InputError } from '../../simulator/runner/input-error.js';

describe('parseFlags', () => {
  it('reads a negative number after a flag as its value, so the range check answers', () => {
    expect(parseFlags(['--homes', '-5'], COMMON_RUN_FLAGS).values.homes).toBe('-5');
    expect(parseFlags(['--homes=-5'], COMMON_RUN_FLAGS).values.homes).toBe('-5');
    expect(parseFlags(['--seed', '-.5'], COMMON_RUN_FLAGS).values.seed).toBe('-.5');
    expect(() => intFlag('homes', '-5', 1, 10)).toThrow('--homes: expected a whole number from 1 to 10, got "-5"');
  });

  it('refuses a flag where a value belongs, in one line', () => {
    expect(() => parseFlags(['--homes', '--seed', '3'], COMMON_RUN_FLAGS)).toThrow(/^--homes: expected a value, got the option "--seed"/);
    expect(() => parseFlags(['--homes'], COMMON_RUN_FLAGS)).toThrow(InputError);
    try {
      parseFlags(['--homes'], COMMON_RUN_FLAGS);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('refuses a one-value flag given twice, and allows a repeatable one', () => {
    expect(() => parseFlags(['--homes', '3', '--homes=4'], COMMON_RUN_FLAGS)).toThrow('--homes: given twice ("3", then "4"); give it once');
    expect(parseFlags(['--set', 'a=1', '--set', 'b=2'], COMMON_RUN_FLAGS).values.set).toEqual(['a=1', 'b=2']);
  });

  it('leaves arguments after -- alone', () => {
    expect(parseFlags(['--', '-5'], COMMON_RUN_FLAGS).positionals).toEqual(['-5']);
  });
});

describe('number flags', () => {
  it('take decimal numbers only', () => {
    expect(numberFlag('speed', '1.5', 0.001, 10)).toBe(1.5);
    expect(numberFlag('speed', '2e0', 0.001, 10)).toBe(2);
    for (const bad of ['0x10', 'Infinity', '', ' ', '1_0', '0b1']) expect(() => numberFlag('speed', bad, 0.001, 100)).toThrow(/--speed/);
    for (const bad of ['1.5', '1e3', '0x10', '']) expect(() => intFlag('homes', bad, 1, 10_000)).toThrow(/--homes/);
  });
});

describe('defence lists from the CLI', () => {
  it('refuses an empty list or an empty name', () => {
    expect(() => checkDefenseList('')).toThrow('--defenses: expected defence or profile names separated by "," or "+" (none for no defences), got ""');
    expect(() => checkDefenseList('lockout,,2fa-optional')).toThrow(/lockout,,2fa-optional/);
    expect(() => checkDefenseList('lockout+')).toThrow(/"lockout\+"/);
    expect(() => checkDefenseList('lockout+login-alerts,none')).not.toThrow();
    expect(() => checkDefenseList('none')).not.toThrow();
  });

  it('refuses a name given twice', () => {
    expect(() => parseDefenses('lockout,lockout')).toThrow('"lockout" is named twice in "lockout,lockout"');
    expect(parseDefenses('nist,lockout').map((d) => d.name)).toContain('lockout'); // a profile and one of its defences is fine
  });

  it('refuses a --set of a defence no run switches on, naming it; accepts it when any set has it', () => {
    expect(() => checkSetDefensesInstalled(['none'], ['lockout.threshold=5'])).toThrow('--set lockout.threshold=5: defence lockout is not in the defence set "none"');
    expect(() => checkSetDefensesInstalled(['none', 'rate-limit-ip'], ['lockout.threshold=5'])).toThrow(/any of the defence sets "none", "rate-limit-ip"/);
    expect(() => checkSetDefensesInstalled(['lockout'], ['lockout.threshold=5'])).not.toThrow();
    expect(() => checkSetDefensesInstalled(['none', 'nist'], ['lockout.threshold=5'])).not.toThrow(); // nist includes lockout
    expect(() => checkSetDefensesInstalled(['none', 'rate-limit-ip+lockout'], ['lockout.threshold=5', 'doorbell.motionPerDay=2'])).not.toThrow();
    expect(() => checkSetDefensesInstalled(['2fa-optional,2fa-mandatory'], ['2fa-optional.method=sms'])).toThrow(/2fa-mandatory supersedes it/);
  });
});
