import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineDeviceKind,
  devicesOf,
  InputError,
  listDeviceCatalog,
  registerDeviceKind,
  Simulation,
  type DeviceActor,
  type DeviceContext,
  type Link,
  type TimerHandle,
} from '../../simulator/index.js';
import { parseBoundedJson } from '../../simulator/broker/bounded-json.js';
import { homeFilter } from '../../simulator/broker/topics.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../simulator/core/duration.js';
import { runWorld, type RunWorldOptions, type WorldRun } from '../../simulator/testing/index.js';

/**
 * A device kind added from this file alone, nothing under simulator/ or devices/ edited: the
 * catalogue's promise that an indoor camera or a voice assistant needs no change to the world.
 */

declare module '../../simulator/core/event-log.js' {
  interface EventTypes {
    'toy-sensor.reading': { homeId: string; deviceId: string; value: number };
  }
}

const toyParams = z
  .object({
    eventsPerDay: z.number().min(1).max(1_440).default(24).describe('readings a day (a test figure: one an hour)'),
    share: z.number().min(0).max(1).default(0.5).describe('share of homes with one (a test figure)'),
  })
  .strict();

type ToyParams = z.output<typeof toyParams>;

/** Publishes a reading on `events` every 1/eventsPerDay day and a status every hour; `read-now` asks for a reading at once. */
class ToySensor implements DeviceActor {
  private readonly timers: TimerHandle[] = [];

  private constructor(private readonly ctx: DeviceContext<ToyParams>, private readonly link: Link) {}

  get record() {
    return this.ctx.record;
  }

  static async connect(ctx: DeviceContext<ToyParams>): Promise<ToySensor> {
    const link = await ctx.connect({ topic: ctx.topic('status'), payload: '{"online":false}', retain: true });
    const toy = new ToySensor(ctx, link);
    link.onMessage((_topic, payload) => {
      const json = parseBoundedJson(payload, { maxBytes: 4096, maxDepth: 4 });
      if (json.ok && (json.value as { cmd?: unknown }).cmd === 'read-now') toy.read();
    });
    await link.subscribe(ctx.topic('commands'));
    const { scheduler } = ctx.world;
    toy.timers.push(scheduler.every(HOUR_MS, () => toy.status()));
    toy.timers.push(scheduler.every(Math.round(DAY_MS / ctx.params.eventsPerDay), () => toy.read()));
    return toy;
  }

  private read(): void {
    const value = this.ctx.random.int(0, 100);
    const { homeId, deviceId } = this.ctx.record;
    this.ctx.world.log.emit('toy-sensor.reading', { homeId, deviceId, value });
    this.link.publish(this.ctx.topic('events'), JSON.stringify({ type: 'reading', value }));
    this.ctx.count('toy-sensor.readings');
  }

  private status(): void {
    this.link.publish(this.ctx.topic('status'), JSON.stringify({ online: true, firmware: this.ctx.record.firmware }), { retain: true });
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) this.ctx.world.scheduler.cancel(timer);
    await this.link.close();
  }
}

const toySensor = defineDeviceKind({
  name: 'toy-sensor',
  summary: 'A test sensor: a reading an hour and a status an hour',
  params: toyParams,
  publishes: ['events', 'status'],
  commands: ['read-now'],
  idPrefix: 'toy',
  firmwareVersions: ['0.1.0', '0.2.0'],
  shareOfHomes: (params) => params.share,
  metrics: ['toy-sensor.readings'],
  create: (ctx) => ToySensor.connect(ctx),
});

const TRANSPORTS = ['mqtt', 'direct'] as const;
const town = (transport: (typeof TRANSPORTS)[number]): RunWorldOptions => ({ scenario: 'baseline', seed: 3, homes: 12, duration: '6h', transport });
/** The homes whose toy sent at least one reading (every toy reads at least once an hour). */
const toyHomesOf = (run: WorldRun) => new Set(run.ofType('toy-sensor.reading').map((e) => e.homeId));

let unregister: (() => void) | undefined;
const register = () => (unregister = registerDeviceKind(toySensor));
afterEach(() => {
  unregister?.();
  unregister = undefined;
});
afterAll(() => expect(listDeviceCatalog().map((k) => k.kind)).toEqual(['doorbell', 'indoor-camera', 'voice-assistant']));

describe('a device kind registered from a test file', () => {
  for (const transport of TRANSPORTS) {
    it(`runs in a baseline town over ${transport}: in its share of homes, its messages cross the broker, its metric is reported`, async () => {
      const without = await runWorld(town(transport));
      register();
      const withToy = await runWorld(town(transport));

      const toyHomes = toyHomesOf(withToy).size;
      expect(toyHomes).toBeGreaterThan(0); // a share of 0.5 of 12 homes: some, not all
      expect(toyHomes).toBeLessThan(12);
      const readings = withToy.metrics['toy-sensor.readings']!;
      expect(readings).toBe(toyHomes * 6); // one an hour for 6 hours
      expect(withToy.ofType('toy-sensor.reading')).toHaveLength(readings);
      // What crossed the broker (counted at its published hook): the doorbells' and apps'
      // traffic as before, plus every reading, and a status at each of the 6 hours.
      expect(withToy.metrics['messages.events']).toBe(without.metrics['messages.events']! + readings);
      expect(withToy.metrics['messages.status']).toBe(without.metrics['messages.status']! + toyHomes * 6);
      expect(without.metrics['toy-sensor.readings']).toBeUndefined();
      // The toy draws only from its own streams: every doorbell and app event is as it was.
      const notToy = (events: WorldRun['events']) => events.filter((e) => e.type !== 'toy-sensor.reading').map(({ seq: _seq, ...rest }) => rest);
      expect(notToy(withToy.events)).toEqual(notToy(without.events));
      expect((withToy.report.params as Record<string, unknown>)['toy-sensor']).toEqual({ eventsPerDay: 24, share: 0.5 });
    });
  }

  it('takes its parameters by dotted name and validates them, naming the field', async () => {
    register();
    const faster = await runWorld({ ...town('direct'), set: ['toy-sensor.eventsPerDay=48'] });
    expect(faster.metrics['toy-sensor.readings']).toBe(toyHomesOf(faster).size * 12); // every 30 minutes for 6 hours
    expect((faster.report.params as Record<string, unknown>)['toy-sensor']).toEqual({ eventsPerDay: 48, share: 0.5 });
    const everyHome = await runWorld({ ...town('direct'), params: { 'toy-sensor': { share: 1 } } });
    expect(toyHomesOf(everyHome).size).toBe(12);
    const noHome = await runWorld({ ...town('direct'), set: ['toy-sensor.share=0'] });
    expect(noHome.metrics['toy-sensor.readings']).toBe(0); // reported, though no home has one

    const bad = (set: string[]) => runWorld({ ...town('direct'), set });
    await expect(bad(['toy-sensor.eventsPerDay=-1'])).rejects.toThrow(InputError);
    await expect(bad(['toy-sensor.eventsPerDay=-1'])).rejects.toThrow('parameter toy-sensor.eventsPerDay=-1: Too small: expected number to be >=1');
    await expect(bad(['toy-sensor.eventsPerDay=often'])).rejects.toThrow(/toy-sensor\.eventsPerDay="often"/);
    await expect(bad(['toy-sensor.nope=1'])).rejects.toThrow(/unknown parameter toy-sensor\.nope/);
    // The doorbell's keys keep their messages with another kind in the catalogue.
    await expect(bad(['doorbell.motionPerDay=-1'])).rejects.toThrow('parameter doorbell.motionPerDay=-1: Too small: expected number to be >=0');
  });

  it("leaves every doorbell's id, firmware and credential as they were (its own streams, not the residents' or the cloud's)", async () => {
    const doorbellsOf = async () => {
      const sim = await Simulation.create({ seed: 8, homes: 20, transport: 'direct' });
      const records = sim.town.homes.map((home) => devicesOf(home, 'doorbell').map(({ deviceId, firmware, credential }) => ({ deviceId, firmware, credential })));
      const toys = sim.town.homes.flatMap((home) => devicesOf(home, 'toy-sensor'));
      await sim.stop();
      return { records, toys };
    };
    const without = await doorbellsOf();
    register();
    const withToy = await doorbellsOf();
    expect(withToy.toys.length).toBeGreaterThan(0);
    expect(without.toys).toEqual([]);
    expect(withToy.records).toEqual(without.records);
    expect(new Set(withToy.toys.map((t) => t.firmware)).size).toBeGreaterThan(1); // drawn, from the kind's own list
  });

  it('is gone once unregistered: its parameters are unknown again', async () => {
    register();
    unregister!();
    await expect(runWorld({ ...town('direct'), set: ['toy-sensor.eventsPerDay=48'] })).rejects.toThrow(/unknown parameter toy-sensor/);
  });

  for (const transport of TRANSPORTS) {
    it(`obeys its command over ${transport}, sent by the home's owner through the broker`, async () => {
      register();
      const sim = await Simulation.create({ seed: 5, homes: 4, transport, retainLog: true });
      try {
        await sim.start();
        const withToy = sim.town.homes.filter((h) => devicesOf(h, 'toy-sensor').length > 0);
        const home = withToy[0]!;
        const toy = devicesOf(home, 'toy-sensor')[0]!;
        expect(home.devices.map((d) => d.kind)).toEqual(['doorbell', 'toy-sensor']); // catalogue order
        const login = sim.cloud.attemptLogin({ email: home.owner.email, password: home.password, ip: '10.9.9.9', clientFingerprint: 'test-phone', actor: 'owner' });
        const link = await sim.broker.link({ clientId: 'test-app', username: home.owner.email, password: login.session!.token }, transport);
        const heardAt: number[] = [];
        link.onMessage((topic) => topic === `homes/${home.homeId}/devices/${toy.deviceId}/events` && heardAt.push(sim.world.now()));
        expect(await link.subscribe(homeFilter(home.homeId))).toBe(true);
        const t0 = sim.world.now();
        sim.world.scheduler.at(t0 + 10 * MINUTE_MS, () => link.publish(`homes/${home.homeId}/devices/${toy.deviceId}/commands`, JSON.stringify({ cmd: 'read-now' })));
        await sim.run(90 * MINUTE_MS);
        expect(heardAt).toEqual([t0 + 10 * MINUTE_MS, t0 + HOUR_MS]); // the reading asked for, then the hourly one
        expect(sim.recorder.metrics.get('toy-sensor.readings')).toBe(withToy.length + 1); // every toy's hourly reading, and the one asked for
        await link.close();
      } finally {
        await sim.stop();
      }
    });
  }
});

describe('the device catalogue', () => {
  it('lists every kind with its parameters, defaults and sources, for `smarthome-sim list`', () => {
    register();
    const [doorbell, camera, voice, toy, ...rest] = listDeviceCatalog();
    // The indoor camera (issue 14) is built in, at share 0 unless a scenario turns it on.
    expect(camera).toMatchObject({ kind: 'indoor-camera', publishes: ['events', 'status', 'media'], capabilities: ['liveView', 'speaker'] });
    expect(rest).toEqual([]);
    // The third built-in kind, in no home unless a study sets its share.
    expect(voice).toMatchObject({ kind: 'voice-assistant', publishes: ['status', 'media'], commands: [], capabilities: [], metrics: ['voice-assistant.activations'] });
    expect(voice!.parameters.find((p) => p.name === 'voice-assistant.shareOfHomes')).toMatchObject({ default: 0 });
    for (const p of voice!.parameters) expect(p.description, p.name).toBeTruthy();
    expect(doorbell).toMatchObject({ kind: 'doorbell', publishes: ['events', 'status', 'media'], capabilities: ['liveView', 'speaker'], metrics: [] });
    expect(doorbell!.commands).toEqual(['live-view-start', 'live-view-stop', 'talk', 'settings']);
    expect(doorbell!.parameters.map((p) => p.name)).toEqual([
      'doorbell.motionPerDay',
      'doorbell.dingsPerDay',
      'doorbell.statusEveryMs',
      'doorbell.batteryDrainPerDay',
      'doorbell.liveViewSegmentMs',
      'doorbell.liveViewMaxMs',
      'doorbell.clipMinS',
      'doorbell.clipMaxS',
    ]);
    expect(doorbell!.parameters.find((p) => p.name === 'doorbell.batteryDrainPerDay')).toMatchObject({ default: 0.4, description: expect.stringContaining('Ring') });
    for (const p of doorbell!.parameters) expect(p.description, p.name).toBeTruthy();
    expect(toy).toEqual({
      kind: 'toy-sensor',
      summary: 'A test sensor: a reading an hour and a status an hour',
      publishes: ['events', 'status'],
      commands: ['read-now'],
      capabilities: [],
      metrics: ['toy-sensor.readings'],
      parameters: [
        { name: 'toy-sensor.eventsPerDay', default: 24, description: 'readings a day (a test figure: one an hour)' },
        { name: 'toy-sensor.share', default: 0.5, description: 'share of homes with one (a test figure)' },
      ],
    });
  });

  it('refuses a definition that does not fit, naming each problem', () => {
    const bad = (change: Partial<typeof toySensor>) => () => registerDeviceKind({ ...toySensor, ...change });
    expect(bad({ name: 'Toy Sensor' })).toThrow(/name must be kebab-case/);
    expect(bad({ name: 'doorbell' })).toThrow(/name "doorbell" is already in the catalogue/);
    expect(bad({ name: 'app' })).toThrow(/name "app" is taken/);
    expect(bad({ name: 'lockout' })).toThrow(/name "lockout" is taken: it is a defence/);
    expect(bad({ idPrefix: 'db' })).toThrow(/idPrefix "db" is another kind's/);
    expect(bad({ metrics: ['readings'] })).toThrow(/metric "readings" must start with "toy-sensor\."/);
    expect(bad({ params: z.object({ eventsPerDay: z.number() }).strict() } as never)).toThrow(/every field a default/);
    expect(bad({ publishes: ['commands' as 'events'] })).toThrow(/publishes: "commands"/);
    expect(listDeviceCatalog().map((k) => k.kind)).toEqual(['doorbell', 'indoor-camera', 'voice-assistant']);
  });

  it('holds a device to what its kind declared: its channels, its metrics, its streams', async () => {
    const seen: Array<{ media: string; metric: string; stream: string; deviceId: string }> = [];
    const caught = (f: () => unknown) => {
      try {
        f();
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    };
    unregister = registerDeviceKind(
      defineDeviceKind({
        ...toySensor,
        name: 'sneaky-sensor',
        idPrefix: 'sneak',
        metrics: ['sneaky-sensor.readings'],
        shareOfHomes: () => 1,
        create: async (ctx) => {
          seen.push({ media: caught(() => ctx.topic('media')), metric: caught(() => ctx.count('toy-sensor.readings')), stream: ctx.random.path, deviceId: ctx.record.deviceId });
          return { record: ctx.record, stop: async () => {} };
        },
      }),
    );
    const run = await runWorld({ ...town('direct'), homes: 2, duration: '1h' });
    expect(run.metrics['sneaky-sensor.readings']).toBe(0);
    expect(seen.map((s) => s.deviceId)).toEqual(['sneak-00001', 'sneak-00002']);
    for (const s of seen) {
      expect(s.media).toMatch(/does not publish on "media"/);
      expect(s.metric).toMatch(/did not declare the metric "toy-sensor\.readings"/);
      expect(s.stream).toBe(`root/devices/sneaky-sensor/${s.deviceId}`);
    }
  });
});
