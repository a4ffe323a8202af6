import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { arbDefenseSet, arbSeed, runWorld } from 'smarthome-sim/testing';

// A whole credential-stuffing run per case (5 homes, one simulated hour) under any defence set.
test.prop([arbSeed(), arbDefenseSet()], { numRuns: 10 })(
  'stuffing never takes over more accounts than it logged into, nor more than it found passwords for',
  async (seed, defenses) => {
    const { metrics, ofType } = await runWorld({ scenario: 'credential-stuffing', seed, homes: 5, duration: '1h', defenses });

    // Accounts the cloud handed a session to the attacker for, read from the event log.
    const logins = ofType('cloud.login').filter((e) => e.actor === 'attacker' && e.outcome === 'ok');
    const entered = new Set(logins.map((e) => e.accountId));
    expect(metrics['attack.takeovers']).toBeLessThanOrEqual(entered.size);
    expect(metrics['attack.takeovers']).toBeLessThanOrEqual(metrics['attack.validCredentials']!);
  },
);
