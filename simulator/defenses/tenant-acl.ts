import { z } from 'zod';
import { TenantAcl } from '../broker/tenant-acl.js';
import { defineDefense } from './defense.js';

/**
 * Tenant isolation at the broker choke point: a device publishes only in its own subtree, an
 * account only commands into its own homes, and subscribes only by filters that cannot leave
 * them; anything else is refused (SUBACK 0x80, a refused PUBLISH), never narrowed
 * (simulator/broker/tenant-acl.ts). On by default, as any vendor's broker has some ACL; the
 * `no-topic-acl` profile takes it away to measure what it holds back. Its refusals are in the
 * event log as `broker.publish-refused` and `broker.subscribe-refused`, which is why it keeps
 * no counters of its own.
 */
export const tenantAcl = defineDefense({
  name: 'tenant-acl',
  layer: 'broker',
  models:
    'OWASP ASVS 4.0.3 §4.1.3 and §4.2.1 (least privilege; no access to other tenants\u2019 records), OWASP IoT Top 10 2018 I3 (insecure ecosystem interfaces); Mosquitto\u2019s acl_file `pattern` lines with %u/%c',
  onByDefault: true,
  schema: z.strictObject({}),
  defaults: {},
  create(env) {
    // Live: shared users gain and lose homes during a run, so the lookup reads the account each time.
    const policy = new TenantAcl((accountId) => env.cloud.accounts.get(accountId)?.homeIds ?? []);
    return { name: 'tenant-acl', broker: policy, stats: () => ({}) };
  },
});
