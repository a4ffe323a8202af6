import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrokerPolicy } from '../../simulator/broker/policy.js';
import type { BrokerPrincipal } from '../../simulator/broker/principal.js';
import { TenantAcl } from '../../simulator/broker/tenant-acl.js';
import { HOME_A, HOME_B, IsolationEnv, isolationProperty } from './support/acl-isolation.js';
import { propTimeout } from './support/fc-config.js';
import { filterArb } from './support/filters.js';

/**
 * The suite can fail: the tenant ACL with a classic prefix bug — "the filter (and the topic)
 * starts with homes/{my home}" instead of "its second level IS my home" — in both the
 * subscribe and the forward check. Home ids h1 and h10 make the bug exploitable. The very
 * property that guards the real broker (INV-ACL-1) must find a leak and shrink it.
 */
class PrefixBugAcl implements BrokerPolicy {
  readonly name = 'prefix-bug-acl';
  private readonly real: TenantAcl;

  constructor(private readonly homesOf: (accountId: string) => readonly string[]) {
    this.real = new TenantAcl(homesOf);
  }

  authorizePublish(principal: BrokerPrincipal, topic: string): string | undefined {
    return this.real.authorizePublish(principal, topic);
  }

  authorizeSubscribe(principal: BrokerPrincipal, filter: string): string | undefined {
    if (principal.kind !== 'account') return this.real.authorizeSubscribe(principal, filter);
    const wildcardsOk = filter.split('/').every((l, i, all) => (l.includes('#') ? l === '#' && i === all.length - 1 : !l.includes('+') || l === '+'));
    const ok = wildcardsOk && this.homesOf(principal.accountId).some((h) => filter.startsWith(`homes/${h}`)); // BUG: prefix
    return ok ? undefined : 'refused';
  }

  authorizeForward(principal: BrokerPrincipal, topic: string): boolean {
    if (principal.kind !== 'account') return this.real.authorizeForward(principal, topic);
    return this.homesOf(principal.accountId).some((h) => topic.startsWith(`homes/${h}`)); // BUG: prefix
  }
}

describe('the ACL property can fail', () => {
  let env: IsolationEnv;
  beforeAll(async () => {
    let homesOf: (accountId: string) => readonly string[] = () => [];
    const broken = new PrefixBugAcl((id) => homesOf(id));
    env = await IsolationEnv.create({ tenantAcl: false, policies: [broken] });
    homesOf = (id) => env.cloud.accounts.get(id)?.homeIds ?? [];
  });
  afterAll(async () => {
    await env?.close();
  });

  test('INV-META-1: INV-ACL-1 finds the prefix bug on the real broker and shrinks it to a short filter into the other home', async () => {
    const details = await fc.check(isolationProperty(env, filterArb(HOME_A, HOME_B)), { numRuns: 500, path: undefined });
    expect(details.failed).toBe(true);
    const [filter] = details.counterexample!;
    expect(filter.startsWith(`homes/${HOME_B}`)).toBe(true);
    expect(filter.length).toBeLessThanOrEqual(`homes/${HOME_B}/#`.length);
    expect(String(details.errorInstance)).toContain('leaked messages of other homes');
  }, propTimeout());
});
