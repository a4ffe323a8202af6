import { fc, test } from '@fast-check/vitest';
import { expect, it } from 'vitest';
import { SimBroker } from '../../simulator/broker/sim-broker.js';
import { Cloud } from '../../simulator/cloud/cloud.js';
import { World } from '../../simulator/core/world.js';

// 1. @fast-check/vitest: test.prop generates the arguments; a thrown expect() fails the case.
test.prop([fc.emailAddress(), fc.string({ minLength: 1 }), fc.string({ minLength: 1 })])(
  'an owner gets in with the password they signed up with, and only with it',
  (email, password, guess) => {
    fc.pre(guess !== password);
    const world = new World({ seed: 1 });
    const cloud = new Cloud(world);
    cloud.accounts.create({ id: 'owner-1', email, password, homeIds: ['home-1'], nowMs: world.now() });
    const attempt = { email, ip: '192.0.2.1', clientFingerprint: 'owner-app', actor: 'owner' as const };

    expect(cloud.attemptLogin({ ...attempt, password }).outcome).toBe('ok');
    expect(cloud.attemptLogin({ ...attempt, password: guess }).outcome).toBe('denied');
  },
);

// 2. Plain fast-check against the real broker: an async property, one fresh world per case.
//    (A plain test takes vitest's own `it`/`test`: @fast-check/vitest's plain `test` would run
//    its whole body once per configured numRuns, e.g. 10,000 times under FC_RUNS=10000.)
it("a doorbell never receives commands that another home's account publishes to it", async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('mqtt' as const, 'direct' as const), fc.string({ maxLength: 20 }), async (mode, command) => {
      const world = new World({ seed: 1 });
      const cloud = new Cloud(world);
      const broker = await SimBroker.create(world, cloud);
      try {
        const bell = cloud.devices.register({ deviceId: 'bell-b', homeId: 'home-b', kind: 'doorbell', firmware: '1.0.0' });
        const device = await broker.link({ clientId: 'bell-b', username: 'bell-b', password: bell.credential }, mode);
        const received: string[] = [];
        device.onMessage((_topic, payload) => received.push(payload));
        expect(await device.subscribe('homes/home-b/devices/bell-b/commands')).toBe(true);

        cloud.accounts.create({ id: 'mallory', email: 'mallory@example.test', password: 'pw', homeIds: ['home-a'], nowMs: 0 });
        const login = { email: 'mallory@example.test', password: 'pw', ip: '198.51.100.9', clientFingerprint: 'x', actor: 'attacker' as const };
        const { session } = cloud.attemptLogin(login);
        const app = await broker.link({ clientId: 'mallory-app', username: login.email, password: session!.token }, mode);
        app.publish('homes/home-b/devices/bell-b/commands', command);
        await world.settle(); // every in-flight packet delivered

        expect(received).toEqual([]);
      } finally {
        await world.close();
      }
    }),
    { numRuns: 20 },
  );
});
