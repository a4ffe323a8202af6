import type { TestClient } from '../helpers/mqtt-clients.js';
import { STEP_MS, withTimeout } from '../helpers/wait.js';
import { topicOf, type BrokerTarget, type HomeName, type Probe } from './target.js';

/**
 * The isolation probes, each run against aedes and against Mosquitto. "Nothing arrived" is
 * never judged by waiting: after the probe's message, a sentinel the attacker may receive is
 * published through the same broker (after the probe's PUBACK or a fence on the attacker's
 * own connection), and since a broker delivers to one client in order, once the sentinel is
 * in, anything the probe leaked is in too.
 */

let unique = 0;
const mark = (what: string) => `${what}-${++unique}`;

/** Subscribes and returns the SUBACK codes as text (128 = refused). */
async function subscribeCodes(client: TestClient, filters: string[]): Promise<string> {
  return `SUBACK ${(await client.subscribe(filters)).join(',')}`;
}

/**
 * After a publish the broker may refuse, a QoS 1 publish the attacker may make, on the same
 * connection: once it is acknowledged (or the broker has closed the connection) the broker has
 * dealt with the probe's publish. Returns how the broker treated the attacker.
 */
async function fence(attacker: TestClient, allowedTopic: string): Promise<string> {
  if (!attacker.connected) return 'disconnected';
  const acked = attacker.publishQos1(allowedTopic, mark('fence')).then(() => 'kept connected', () => 'disconnected');
  const closed = attacker.waitClosed(STEP_MS).then(() => 'disconnected', () => 'kept connected');
  return Promise.race([acked, closed]);
}

/** The attacker subscribes to `filters` plus its own home, a device of home B speaks, then home A's sentinel. */
function subscribeProbe(name: string, filters: string[], options: { attackerClientId?: string; retained?: boolean; leaks?: (topic: string) => boolean } = {}): Probe {
  return {
    name,
    async run(t) {
      const victim = await t.pool.connect(t.device('B', 1));
      const secret = mark('secret-of-B');
      if (options.retained) await withTimeout(victim.client.publishAsync(topicOf(t, 'B', 1, 'status'), secret, { qos: 1, retain: true }), STEP_MS, 'PUBACK of the retained status');
      const attacker = await t.pool.connect(t.owner('A', options.attackerClientId));
      const suback = await subscribeCodes(attacker, [...filters, 'homes/A/#']);
      if (!options.retained) await victim.publishQos1(topicOf(t, 'B', 1, 'events'), secret);
      const sentinel = mark('sentinel');
      const deviceA = await t.pool.connect(t.device('A', 1));
      await deviceA.publishQos1(topicOf(t, 'A', 1, 'events'), sentinel);
      await attacker.waitFor(topicOf(t, 'A', 1, 'events'), sentinel);
      const leak = options.leaks ?? ((topic: string) => !topic.startsWith('homes/A/'));
      const leaked = attacker.received.filter((m) => m.payload === secret || leak(m.topic));
      return { outcome: leaked.length > 0 ? `leaked ${leaked.length}` : 'isolated', mechanism: suback };
    },
  };
}

/** `as` publishes on `topic` (not its own); the victim subscribed to it must not receive it. */
function publishProbe(name: string, attackerAs: (t: BrokerTarget) => ReturnType<BrokerTarget['owner']>, fenceTopic: (t: BrokerTarget) => string, target: { home: HomeName; index: 1 | 2; channel: 'events' | 'commands' }): Probe {
  return {
    name,
    async run(t) {
      const topic = topicOf(t, target.home, target.index, target.channel);
      // The victim listens where the forgery lands: the device for a command, the owner for an event.
      const victim = target.channel === 'commands' ? await t.pool.connect(t.device(target.home, target.index)) : await t.pool.connect(t.owner(target.home));
      await victim.subscribe(topic);
      const attacker = await t.pool.connect(attackerAs(t));
      const forged = mark('forged');
      attacker.publish(topic, forged);
      const treatment = await fence(attacker, fenceTopic(t));
      // The sentinel comes from whoever may publish there.
      const sentinel = mark('sentinel');
      const sender = await t.pool.connect(target.channel === 'commands' ? t.owner(target.home) : t.device(target.home, target.index));
      await sender.publishQos1(topic, sentinel);
      await victim.waitFor(topic, sentinel);
      return { outcome: victim.payloads().includes(forged) ? 'forgery delivered' : 'isolated', mechanism: `attacker ${treatment}` };
    },
  };
}

/** A CONNECT the broker must refuse; the CONNACK code is the mechanism. */
function refusedConnectProbe(name: string, as: (t: BrokerTarget) => ReturnType<BrokerTarget['owner']>): Probe {
  return {
    name,
    async run(t) {
      try {
        const refusal = await t.pool.refused(as(t));
        return { outcome: 'refused', mechanism: `CONNACK ${refusal.code}` };
      } catch (error) {
        return { outcome: 'accepted', mechanism: (error as Error).message };
      }
    },
  };
}

/** Someone else connects with doorbell A1's client id; is A1 still online and delivering? */
function clientIdReuseProbe(name: string, as: (t: BrokerTarget) => ReturnType<BrokerTarget['owner']>): Probe {
  return {
    name,
    async run(t) {
      const doorbell = await t.pool.connect(t.device('A', 1));
      const id = t.deviceId('A', 1);
      let mechanism: string;
      try {
        const refusal = await t.pool.refused({ ...as(t), clientId: id });
        mechanism = `CONNACK ${refusal.code}`;
      } catch {
        mechanism = 'accepted (client id replaced by its user name)';
      }
      const still = await withTimeout(
        Promise.race([doorbell.publishQos1(topicOf(t, 'A', 1, 'events'), mark('ding')).then(() => true, () => false), doorbell.waitClosed().then(() => false, () => true)]),
        STEP_MS * 2,
        'the doorbell to answer or drop',
      );
      return { outcome: still && doorbell.connected ? 'device stays online' : 'device knocked offline', mechanism };
    },
  };
}

const ownerA = (t: BrokerTarget) => t.owner('A');

export const ISOLATION_PROBES: readonly Probe[] = [
  subscribeProbe("owner A subscribes to home B's tree (homes/B/#)", ['homes/B/#']),
  subscribeProbe('owner A subscribes to every home (homes/+/#)', ['homes/+/#']),
  subscribeProbe('owner A subscribes to # (mqtt-pwn, nmap mqtt-subscribe)', ['#']),
  subscribeProbe('owner A subscribes to $SYS/# (broker version and stats)', ['$SYS/#']),
  subscribeProbe("owner A harvests home B's retained status", ['homes/B/devices/+/status'], { retained: true }),
  subscribeProbe('owner A with client id "#" subscribes to # (CVE-2017-7650)', ['#'], { attackerClientId: '#' }),
  subscribeProbe('owner A with client id "+" subscribes to homes/+/# (CVE-2017-7650)', ['homes/+/#'], { attackerClientId: '+' }),
  publishProbe("owner A commands home B's doorbell", ownerA, (t) => topicOf(t, 'A', 1, 'commands'), { home: 'B', index: 1, channel: 'commands' }),
  publishProbe("doorbell A1 forges an event in home B's tree", (t) => t.device('A', 1), (t) => topicOf(t, 'A', 1, 'events'), { home: 'B', index: 1, channel: 'events' }),
  publishProbe("doorbell A1 forges an event as its sibling A2", (t) => t.device('A', 1), (t) => topicOf(t, 'A', 1, 'events'), { home: 'A', index: 2, channel: 'events' }),
  refusedConnectProbe('anonymous CONNECT', () => ({})),
  refusedConnectProbe('user name "#" (CVE-2017-7650)', () => ({ username: '#', password: 'x' })),
  refusedConnectProbe('user name "+" (CVE-2017-7650)', () => ({ username: '+', password: 'x' })),
  refusedConnectProbe('a doorbell with a guessed password', (t) => ({ ...t.device('A', 1), password: 'guessed' })),
  refusedConnectProbe('a doorbell with a blank password', (t) => ({ ...t.device('A', 1), password: '' })),
  clientIdReuseProbe("owner B reuses doorbell A1's client id", (t) => t.owner('B')),
  clientIdReuseProbe("doorbell A2 reuses its sibling A1's client id", (t) => t.device('A', 2)),
];

