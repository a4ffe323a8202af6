import { describe, it, expect } from 'vitest';
import { HOUR_MS } from '../../../simulator/core/duration.js';
import { attempt, eventsOf, lastLogin, ownerLogin, setup } from './helpers.js';

const HOME = '198.51.100.20';
const ELSEWHERE = '203.0.113.99';

function fail(f: ReturnType<typeof setup>, times: number, ip: string): void {
  for (let i = 0; i < times; i++) f.cloud.attemptLogin(attempt('user0@example.test', `wrong-${i}`, { ip }));
}

describe('consecutive-fails', () => {
  it('blocks the username+IP pair after 10 consecutive wrong passwords, for one hour', async () => {
    const f = setup('consecutive-fails');
    fail(f, 10, HOME);
    expect(ownerLogin(f, 0, { ip: HOME }).outcome).toBe('denied');
    expect(lastLogin(f)).toMatchObject({ stage: 'consecutive-fails', reason: 'consecutive-fails' });
    // The pair is blocked, not the account: the owner elsewhere is fine.
    expect(ownerLogin(f, 0, { ip: ELSEWHERE }).outcome).toBe('ok');
    expect(eventsOf(f, 'defense.consecutive-fails-block')).toEqual([
      expect.objectContaining({ accountId: 'acct-0', ip: HOME, failures: 10, untilMs: HOUR_MS }),
    ]);
    await f.world.runUntil(HOUR_MS - 1);
    expect(ownerLogin(f, 0, { ip: HOME }).outcome).toBe('denied');
    await f.world.runUntil(HOUR_MS);
    expect(ownerLogin(f, 0, { ip: HOME }).outcome).toBe('ok');
  });

  it('resets on a successful login from the pair', () => {
    const f = setup('consecutive-fails');
    fail(f, 9, HOME);
    expect(ownerLogin(f, 0, { ip: HOME }).outcome).toBe('ok');
    fail(f, 9, HOME);
    expect(ownerLogin(f, 0, { ip: HOME }).outcome).toBe('ok');
    expect(f.installed.stats()).toMatchObject({ 'consecutive-fails.blocks': 0, 'consecutive-fails.resets': 2 });
  });

  it('honours maxFails and blockMs overrides', async () => {
    const f = setup([{ name: 'consecutive-fails', params: { maxFails: 2, blockMs: 1000 } }]);
    fail(f, 2, HOME);
    expect(ownerLogin(f, 0, { ip: HOME }).outcome).toBe('denied');
    await f.world.runUntil(1000);
    expect(ownerLogin(f, 0, { ip: HOME }).outcome).toBe('ok');
  });

  it('forgets failures older than windowMs and counts afresh after a block ends', async () => {
    const f = setup([{ name: 'consecutive-fails', params: { maxFails: 3, windowMs: 60_000, blockMs: 1000 } }]);
    fail(f, 2, HOME);
    await f.world.runUntil(60_000);
    fail(f, 2, HOME); // 2 + 2, but never 3 inside one window
    expect(ownerLogin(f, 0, { ip: HOME, fp: 'x' }).outcome).toBe('ok');
    fail(f, 3, HOME);
    expect(ownerLogin(f, 0, { ip: HOME }).outcome).toBe('denied');
    await f.world.runUntil(60_000 + 1000);
    fail(f, 2, HOME); // the block is over: two fresh failures do not block again
    expect(ownerLogin(f, 0, { ip: HOME }).outcome).toBe('ok');
    expect(f.installed.stats()['consecutive-fails.blocks']).toBe(1);
  });
});
