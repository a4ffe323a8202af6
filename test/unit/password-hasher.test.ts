import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScryptHasher, SimulatedHasher } from '../../simulator/cloud/password-hasher.js';

describe('password hashing', () => {
  it('the simulated verifier gives scrypt\'s accept/reject answer for every pair tried', () => {
    const scrypt = new ScryptHasher();
    const simulated = new SimulatedHasher();
    // scrypt costs ~35 ms a call: a few dozen pairs, half of them equal passwords.
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), fc.string({ maxLength: 24 }), fc.boolean(), fc.nat().map((n) => n.toString(16).padStart(8, '0')), (stored, other, same, salt) => {
        const typed = same ? stored : other;
        const expected = stored === typed;
        expect(scrypt.verify(typed, scrypt.hash(stored, salt))).toBe(expected);
        expect(simulated.verify(typed, simulated.hash(stored, salt))).toBe(expected);
      }),
      { numRuns: 24 },
    );
  });

  it('charges scrypt\'s measured cost in virtual time', () => {
    expect(new SimulatedHasher().costMs).toBe(new ScryptHasher().costMs);
    expect(new ScryptHasher().costMs).toBeGreaterThanOrEqual(30);
  });

  it('salts: the same password under two salts hashes differently, and a foreign hash never verifies', () => {
    const h = new SimulatedHasher();
    expect(h.hash('hunter2', 'aa')).not.toBe(h.hash('hunter2', 'bb'));
    expect(h.verify('hunter2', new ScryptHasher().hash('hunter2', 'aa'))).toBe(false);
    expect(h.verify('hunter2', 'garbage')).toBe(false);
  });
});
