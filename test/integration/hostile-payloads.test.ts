import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_JSON_BOUNDS } from '../../simulator/broker/command-attestation.js';
import { HealthProbe } from './helpers/health.js';
import { refusals, startLiveWorld, type LiveWorld } from './helpers/live-world.js';
import { ClientPool } from './helpers/mqtt-clients.js';
import { TRANSPORTS } from './helpers/transports.js';
import { until } from './helpers/wait.js';

/**
 * The tester's report (issue 12, item 1): an owner's ~12 KB command nested a few thousand
 * arrays deep made the broker's command attestation throw a RangeError and `serve` exit.
 * Now that message alone is refused, logged with its reason, and its sender disconnected.
 */
const DEEP_COMMAND = `{"cmd":"talk","message":${'['.repeat(6000)}${']'.repeat(6000)}}`;
const DEPTH_REASON = `command JSON nested deeper than ${COMMAND_JSON_BOUNDS.maxDepth} levels`;

describe.each(TRANSPORTS)('a command nested 6000 levels deep over $name', (transport) => {
  let live: LiveWorld;
  let probe: HealthProbe;
  let pool: ClientPool;
  const processErrors: unknown[] = [];
  const record = (error: unknown) => processErrors.push(error);

  beforeAll(async () => {
    process.on('uncaughtException', record);
    live = await startLiveWorld({ homeIds: ['A'] });
    probe = await HealthProbe.start(live, () => transport.url(live.listeners));
    pool = new ClientPool(() => transport.url(live.listeners));
  });
  afterEach(async () => {
    await pool.closeAll();
    expect(processErrors).toEqual([]);
  });
  afterAll(async () => {
    process.off('uncaughtException', record);
    await probe?.close();
    await live?.close();
  });

  const ownerLogin = () => ({ username: live.homes.A!.email, password: live.login(live.homes.A!) });
  const deepRefusals = () => refusals(live, 'broker.publish-refused').filter((e) => e.reason === DEPTH_REASON && e.topic === live.homes.A!.topic('commands'));

  it('published by its owner (QoS 0): refused with a reason, the sender disconnected, everyone else untouched', async () => {
    expect(DEEP_COMMAND.length).toBeGreaterThan(12_000);
    const before = deepRefusals().length;
    const owner = await pool.connect(ownerLogin(), 'deep owner');
    owner.publish(live.homes.A!.topic('commands'), DEEP_COMMAND);
    await owner.waitClosed();
    expect(deepRefusals()).toHaveLength(before + 1);
    expect(deepRefusals().at(-1)).toMatchObject({ principal: 'account:acct-A' });
    await probe.check('deep command');
    expect(probe.doorbell.connected).toBe(true);
  });

  it('published at QoS 1: no PUBACK, the sender disconnected', async () => {
    const before = deepRefusals().length;
    const owner = await pool.connect(ownerLogin(), 'deep owner qos1');
    void owner.client.publishAsync(live.homes.A!.topic('commands'), DEEP_COMMAND, { qos: 1 }).catch(() => undefined);
    await owner.waitClosed();
    expect(deepRefusals()).toHaveLength(before + 1);
    await probe.check('deep command qos 1');
  });

  it('left as a will: the will is dropped when its owner vanishes, the broker lives', async () => {
    const before = deepRefusals().length;
    const owner = await pool.connect({ ...ownerLogin(), will: { topic: live.homes.A!.topic('commands'), payload: DEEP_COMMAND } }, 'deep will');
    owner.client.stream.destroy(); // no DISCONNECT: the broker must send the will
    await until(() => deepRefusals().length === before + 1, 'the deep will to be refused');
    await probe.check('deep will');
  });

  it('a command within bounds still reaches the doorbell, attested', async () => {
    const owner = await pool.connect(ownerLogin(), 'honest owner');
    await owner.publishQos1(live.homes.A!.topic('commands'), '{"cmd":"talk","message":"hi"}');
    const attested = /^\{"cmd":"talk","message":"hi","from":\{"accountId":"acct-A","sessionId":"[^"]+"\}\}$/;
    await until(() => probe.owner.received.some((m) => m.topic === live.homes.A!.topic('commands') && attested.test(m.payload)), 'the attested command');
  });
});

describe('a command nested 6000 levels deep on an in-process link (SimBroker.publishAs)', () => {
  it('is refused with a reason and drops that link (as over MQTT); publishAs never throws; a hostile will is refused too', async () => {
    const live = await startLiveWorld({ homeIds: ['A'] });
    try {
      const A = live.homes.A!;
      const will = { topic: A.topic('commands'), payload: DEEP_COMMAND, retain: false };
      const link = await live.broker.link({ clientId: 'direct-owner', username: A.email, password: live.login(A), will }, 'direct');
      const logged = () => refusals(live, 'broker.publish-refused').filter((e) => e.reason === DEPTH_REASON).length;
      expect(() => link.publish(A.topic('commands'), DEEP_COMMAND)).not.toThrow();
      expect(link.connected).toBe(false);
      // One refusal for the command, one for the will the dropped link left.
      expect(logged()).toBe(2);
      const honest = await live.broker.link({ clientId: 'direct-owner-2', username: A.email, password: live.login(A) }, 'direct');
      expect(honest.publish(A.topic('commands'), '{"cmd":"live-view-start"}')).toBe(true);
      await honest.close();
    } finally {
      await live.close();
    }
  });
});
