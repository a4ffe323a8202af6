import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Botnet } from '../../../scenarios/attackers/botnet.js';
import { RetryQueue } from '../../../scenarios/attackers/retry-queue.js';
import { SeededRandom } from '../../../simulator/core/random.js';
import { parseIpv4 } from '../../../simulator/cloud/dense-ids.js';
import type { LoginAttempt, LoginRecord } from '../../../simulator/cloud/login-pipeline.js';
import { attempt, setup } from '../defenses/helpers.js';

/**
 * The login path's allocation cuts (issue 18) must not change what anyone sees: a reused
 * request object, a reused context, shared results and the campaign's column queue.
 */
describe('the login path without per-request objects', () => {
  it("a client may refill its request object: tickets and records keep what the request said when it was sent", () => {
    const f = setup('2fa-mandatory', { accounts: 2 });
    const records: LoginRecord[] = [];
    f.cloud.login.observe((r) => records.push(r));
    const request: LoginAttempt = attempt('user0@example.test', 'pw-0', { ip: '203.0.113.1' });
    const first = f.cloud.attemptLogin(request);
    request.email = 'user1@example.test';
    request.password = 'pw-1';
    request.ip = '203.0.113.2';
    const second = f.cloud.attemptLogin(request);
    expect(first.outcome).toBe('second-factor-required');
    expect(second.outcome).toBe('second-factor-required');
    expect(records.map((r) => [r.ctx.attempt.email, r.ctx.attempt.ip, r.ctx.account?.id])).toEqual([
      ['user0@example.test', '203.0.113.1', 'acct-0'],
      ['user1@example.test', '203.0.113.2', 'acct-1'],
    ]);
    // The first ticket still belongs to the first account and its e-mail, after the refill.
    const ticket = f.cloud.login.tickets.get(first.ticket!)!;
    expect([ticket.account.id, ticket.ctx.attempt.email, ticket.ctx.attempt.ip]).toEqual(['acct-0', 'user0@example.test', '203.0.113.1']);
  });

  it('with no record observer (the reused context), a ticket still keeps its own request', () => {
    const f = setup('2fa-mandatory', { accounts: 2 });
    const request: LoginAttempt = attempt('user0@example.test', 'pw-0', { ip: '203.0.113.1' });
    const first = f.cloud.attemptLogin(request);
    request.email = 'user1@example.test';
    request.password = 'pw-1';
    request.ip = '203.0.113.2';
    f.cloud.attemptLogin(request);
    const ticket = f.cloud.login.tickets.get(first.ticket!)!;
    expect([ticket.account.id, ticket.ctx.account?.id, ticket.ctx.attempt.email, ticket.ctx.attempt.ip]).toEqual(['acct-0', 'acct-0', 'user0@example.test', '203.0.113.1']);
  });

  it("without record observers the log still names each request's own account and IP", () => {
    const f = setup('none', { accounts: 3 });
    const request: LoginAttempt = attempt('user0@example.test', 'wrong');
    for (let i = 0; i < 3; i++) {
      request.email = `user${i}@example.test`;
      request.password = i === 1 ? 'pw-1' : 'wrong';
      request.ip = `198.51.100.${i}`;
      f.cloud.attemptLogin(request);
    }
    request.email = 'nobody@example.test';
    f.cloud.attemptLogin(request);
    const logins = f.world.log.events().filter((e) => e.type === 'cloud.login') as Array<Record<string, unknown>>;
    expect(logins.map((e) => [e.accountId, e.ip, e.outcome, e.reason])).toEqual([
      ['acct-0', '198.51.100.0', 'denied', 'wrong-password'],
      ['acct-1', '198.51.100.1', 'ok', 'ok'],
      ['acct-2', '198.51.100.2', 'denied', 'wrong-password'],
      [null, '198.51.100.2', 'denied', 'unknown-account'],
    ]);
  });

  it('results without a session are shared and frozen; a session result is its own', () => {
    const f = setup('none', { accounts: 1 });
    const a = f.cloud.attemptLogin(attempt('user0@example.test', 'x'));
    const b = f.cloud.attemptLogin(attempt('user0@example.test', 'y'));
    const ok1 = f.cloud.attemptLogin(attempt('user0@example.test', 'pw-0'));
    const ok2 = f.cloud.attemptLogin(attempt('user0@example.test', 'pw-0'));
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a).toEqual({ outcome: 'denied', session: undefined, latencyMs: f.cloud.hasher.costMs, ticket: undefined, secondFactorMethod: undefined });
    expect(ok1).not.toBe(ok2);
    expect(ok1.session!.token).not.toBe(ok2.session!.token);
  });
});

describe('RetryQueue', () => {
  it('pops in push order, only what is due, across growth, with the fields of each item', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(50), fc.boolean()), { minLength: 1, maxLength: 700 }), fc.nat(60), (steps, popAt) => {
        const queue = new RetryQueue();
        const model: Array<{ dueMs: number; email: string; pass: string | undefined }> = [];
        let dueMs = 0;
        steps.forEach(([gap, withPass], i) => {
          dueMs += gap;
          const pass = withPass ? `pass-${i}` : undefined;
          queue.push(dueMs, `e${i}`, `p${i}`, `10.0.0.${i & 255}`, `fp${i}`, pass);
          model.push({ dueMs, email: `e${i}`, pass });
        });
        const now = popAt * 20;
        const popped: Array<[string, string | undefined]> = [];
        while (queue.popDue(now)) {
          expect(queue.password).toBe(`p${queue.email.slice(1)}`);
          popped.push([queue.email, queue.challengePass]);
        }
        const due = model.filter((m) => m.dueMs <= now);
        // FIFO of non-decreasing due times: exactly the due prefix, in order.
        expect(popped).toEqual(due.map((m) => [m.email, m.pass]));
        expect(queue.size).toBe(model.length - due.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('Botnet addresses built from cached halves', () => {
  it('are the canonical dotted quads of the pool, for pools too large to keep', () => {
    const botnet = new Botnet(new SeededRandom(2, 'test/botnet-halves'), { attemptsPerIp: 1, ips: 200_000, fingerprints: 5 }, 0);
    const base = 45 * 2 ** 24;
    for (let i = 0; i < 20_000; i++) {
      const ip = botnet.ip();
      const value = parseIpv4(ip);
      expect(value, ip).toBeGreaterThanOrEqual(base);
      expect(value, ip).toBeLessThan(base + 200_000);
      const n = value;
      expect(ip).toBe(`${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`);
    }
  });
});
