import fc from 'fast-check';
import { expect } from 'vitest';
import type { Link, TransportMode } from '../../../simulator/broker/link.js';
import { SimBroker, type SimBrokerOptions } from '../../../simulator/broker/sim-broker.js';
import { DEVICE_PUBLISH_CHANNELS, deviceTopic } from '../../../simulator/broker/topics.js';
import { Cloud } from '../../../simulator/cloud/cloud.js';
import { World } from '../../../simulator/core/world.js';
import { topicIsInHome, topicMatches } from './filters.js';

/** Look-alike ids on purpose: every `homes/h1...` prefix test also sees `homes/h10`. */
export const HOME_A = 'h1';
export const HOME_B = 'h10';
export const MODES: readonly TransportMode[] = ['mqtt', 'direct'];

export interface Published {
  topic: string;
  payload: string;
}

/**
 * One real broker shared by every run of a property: two homes with two doorbells each (one
 * on an MQTT link, one on the direct path), each owner's app, and a trusted service that
 * also writes to home roots, other homes' command topics and cloud/... . Runs differ only in
 * the subscribing owner's links (fresh each run) and in the tag every publish carries.
 */
export class IsolationEnv {
  private readonly publishers: Array<{ link: Link; topics: string[]; retain: (topic: string) => boolean }> = [];
  ownerA!: { email: string; token: string };

  private constructor(readonly world: World, readonly cloud: Cloud, readonly broker: SimBroker) {}

  static async create(options: SimBrokerOptions = {}): Promise<IsolationEnv> {
    const world = new World({ seed: 4 });
    const cloud = new Cloud(world);
    const env = new IsolationEnv(world, cloud, await SimBroker.create(world, cloud, options));
    for (const [i, home] of [HOME_A, HOME_B].entries()) {
      const email = `owner@${home}.test`;
      cloud.accounts.create({ id: `owner-${home}`, email, password: `pw-${home}`, homeIds: [home], nowMs: 0 });
      const login = () => cloud.attemptLogin({ email, password: `pw-${home}`, ip: '198.51.100.1', clientFingerprint: 'app', actor: 'owner' }).session!.token;
      if (home === HOME_A) env.ownerA = { email, token: login() };
      const commands: string[] = [];
      for (const [j, mode] of MODES.entries()) {
        const deviceId = `${home}-d${j + 1}`;
        const device = cloud.devices.register({ deviceId, homeId: home, kind: 'doorbell', firmware: '1.0.0' });
        const link = await env.broker.link({ clientId: deviceId, username: deviceId, password: device.credential }, mode);
        env.publishers.push({ link, topics: DEVICE_PUBLISH_CHANNELS.map((c) => deviceTopic(home, deviceId, c)), retain: (t) => t.endsWith('/status') });
        commands.push(deviceTopic(home, deviceId, 'commands'));
      }
      const app = await env.broker.link({ clientId: `app-${home}`, username: email, password: login() }, MODES[i]!);
      env.publishers.push({ link: app, topics: commands, retain: () => false });
    }
    const service = await env.broker.link({ clientId: 'service-probe', ...env.broker.serviceCredentials('probe') }, 'direct');
    const serviceTopics = [`homes/${HOME_A}`, `homes/${HOME_A}/notes`, `homes/${HOME_B}`, `homes/${HOME_B}/notes`, `homes/${HOME_B}//x`, 'homes', 'cloud/staff/alerts'];
    env.publishers.push({ link: service, topics: serviceTopics, retain: (t) => t === `homes/${HOME_B}` });
    await world.settle();
    return env;
  }

  /** Everyone publishes `tag` on every topic they may use, retained where the channel is; returns what was sent. */
  async publishAll(tag: string): Promise<Published[]> {
    const sent: Published[] = [];
    for (const { link, topics, retain } of this.publishers) {
      for (const topic of topics) {
        if (link.publish(topic, tag, { retain: retain(topic) })) sent.push({ topic, payload: tag });
      }
    }
    await this.world.settle();
    return sent;
  }

  async close(): Promise<void> {
    await this.world.close();
  }
}

let runCounter = 0;

/**
 * INV-ACL-1/2 as one property over a filter: on both link modes the owner of home A either is
 * refused the filter or receives nothing outside home A (isolation, checked first); both modes
 * grant alike; a granted filter delivers exactly this run's home-A messages it matches.
 */
export function isolationProperty(env: IsolationEnv, filters: fc.Arbitrary<string>): fc.IAsyncPropertyWithHooks<[string]> {
  return fc.asyncProperty(filters, async (filter) => {
    const tag = `run-${++runCounter}`;
    const seen: Record<string, { granted: boolean; got: Published[] }> = {};
    const links: Link[] = [];
    for (const mode of MODES) {
      const link = await env.broker.link({ clientId: env.broker.nextClientId(`owner-a-${mode}`), username: env.ownerA.email, password: env.ownerA.token }, mode);
      links.push(link);
      const got: Published[] = [];
      link.onMessage((topic, payload) => got.push({ topic, payload }));
      seen[mode] = { granted: await link.subscribe(filter), got };
    }
    await env.world.settle();
    const sent = await env.publishAll(tag);
    for (const link of links) await link.close();

    for (const mode of MODES) {
      const leaked = seen[mode]!.got.filter((m) => !topicIsInHome(m.topic, HOME_A));
      expect(leaked, `${mode} link of home ${HOME_A}'s owner leaked messages of other homes (filter ${JSON.stringify(filter)})`).toEqual([]);
    }
    expect(seen.direct!.granted, `mqtt and direct links disagree on granting ${JSON.stringify(filter)}`).toBe(seen.mqtt!.granted);
    const expected = seen.mqtt!.granted ? sent.filter((m) => topicIsInHome(m.topic, HOME_A) && topicMatches(filter, m.topic)) : [];
    const sort = (ms: Published[]) => ms.map((m) => m.topic).sort();
    for (const mode of MODES) {
      const current = seen[mode]!.got.filter((m) => m.payload === tag);
      expect(sort(current), `${mode} link: messages delivered for ${JSON.stringify(filter)}`).toEqual(sort(expected));
      if (!seen[mode]!.granted) expect(seen[mode]!.got, `${mode} link was refused yet received`).toEqual([]);
    }
  });
}
