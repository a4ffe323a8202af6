import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORBIDDEN_FOR_A } from './isolation/subscriptions.js';
import { refusals, startLiveWorld, type LiveWorld } from './helpers/live-world.js';
import { ClientPool } from './helpers/mqtt-clients.js';
import { WS } from './helpers/transports.js';

/**
 * The classroom dashboard's observer (observer-access.ts), over WebSocket as the browser
 * connects: it sees every home and can change none, its secret is per start, and the
 * owners' tenant isolation is what it was.
 */
describe('observer principal over WebSocket', () => {
  let live: LiveWorld;
  let pool: ClientPool;
  beforeAll(async () => {
    live = await startLiveWorld({ homeIds: ['A', 'B'] });
    pool = new ClientPool(() => WS.url(live.listeners));
  });
  afterAll(async () => {
    await pool.closeAll();
    await live?.close();
  });

  it('is refused while the broker has not enabled it, whatever it sends', async () => {
    const refusal = await pool.refused({ username: 'observer:dashboard', password: 'guess' });
    expect(refusal.code).toBe(4);
  });

  it('reads every home, publishes nothing, and may not read $SYS', async () => {
    const login = live.broker.enableObserver();
    expect(login.password).toMatch(/^[0-9a-f]{32}$/);
    expect((await pool.refused({ username: login.username, password: `${login.password}0` })).code).toBe(4);
    const observer = await pool.connect({ username: login.username, password: login.password }, 'observer');
    expect(await observer.subscribe('#')).toEqual([0]);
    expect(await observer.subscribe('$SYS/#')).toEqual([0x80]);

    const a = live.homes.A!;
    const b = live.homes.B!;
    const deviceA = await pool.connect({ clientId: a.devices[0]!.deviceId, username: a.devices[0]!.deviceId, password: a.devices[0]!.credential });
    const deviceB = await pool.connect({ clientId: b.devices[0]!.deviceId, username: b.devices[0]!.deviceId, password: b.devices[0]!.credential });
    deviceA.publish(a.topic('events'), '{"type":"motion"}');
    deviceB.publish(b.topic('events'), '{"type":"ring"}');
    await observer.waitFor(a.topic('events'), '{"type":"motion"}');
    await observer.waitFor(b.topic('events'), '{"type":"ring"}');

    const before = refusals(live, 'broker.publish-refused').length;
    observer.publish(a.topic('commands'), '{"action":"unlock"}');
    // MQTT 3.1.1 has no refusal for a QoS 0 PUBLISH: the broker closes the connection instead.
    await observer.waitClosed();
    const logged = refusals(live, 'broker.publish-refused').slice(before);
    expect(logged.map((e) => [e.principal, e.reason])).toEqual([['observer:dashboard', 'observers are read-only']]);
  });

  it('leaves owners isolated: an owner still gets no filter beyond its home', async () => {
    const a = live.homes.A!;
    const owner = await pool.connect({ username: a.email, password: live.login(a) }, 'owner A');
    for (const filter of FORBIDDEN_FOR_A) expect(await owner.subscribe(filter), filter).toEqual([0x80]);
    // An owner's token is no observer secret.
    expect((await pool.refused({ username: 'observer:dashboard', password: live.login(a) })).code).toBe(4);
  });
});
