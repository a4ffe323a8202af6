import { afterAll, beforeAll, describe, test } from 'vitest';
import { HOME_A, HOME_B, IsolationEnv, isolationProperty } from './support/acl-isolation.js';
import { propTimeout, runs } from './support/fc-config.js';
import { filterArb } from './support/filters.js';
import { assertAsyncProperty } from './support/regressions.js';

/**
 * Tenant isolation on the real aedes broker, through both link modes. One broker for the
 * whole file: each run opens fresh subscriber links and tags its messages.
 */
describe('broker tenant isolation (real broker, mqtt and direct links)', () => {
  let env: IsolationEnv;
  beforeAll(async () => {
    env = await IsolationEnv.create();
  });
  afterAll(async () => {
    await env?.close();
  });

  test('INV-ACL-1/2: an owner is refused a filter or receives only its own home; both modes grant alike and deliver exactly the matching messages', async () => {
    await assertAsyncProperty('INV-ACL-1', isolationProperty(env, filterArb(HOME_A, HOME_B)), { numRuns: runs(200) });
  }, propTimeout());
});
