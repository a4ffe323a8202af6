import { Aedes } from 'aedes';
import { MqttClient } from 'mqtt';
import type { Link } from '../simulator/broker/link.js';
import { memoryPair, TrafficMeter } from '../simulator/broker/memory-transport.js';
import { SimBroker } from '../simulator/broker/sim-broker.js';
import { deviceTopic } from '../simulator/broker/topics.js';
import { Cloud } from '../simulator/cloud/cloud.js';
import { World } from '../simulator/core/world.js';
import { median, secondsSince, type BenchResult } from './bench-result.js';

const DEVICES = 200;
const EVENTS_PER_DEVICE = 100;
const TOTAL = DEVICES * EVENTS_PER_DEVICE;
const PAYLOAD = JSON.stringify({ type: 'motion', at: 12_345_678 });

/**
 * Bare aedes + mqtt.js over the same in-memory transport: the baseline. Same non-hook
 * options as SimBroker (emitter concurrency, no drain timeout), so the ratio measures what
 * the simulator adds — authentication, ACL policies, attestation, links — not a config change.
 */
async function bareAedes(): Promise<number> {
  const broker = await Aedes.createBroker({ concurrency: 100_000, drainTimeout: 0 });
  const meter = new TrafficMeter();
  const connect = (clientId: string) =>
    new Promise<MqttClient>((resolve) => {
      const [clientEnd, brokerEnd] = memoryPair(meter);
      broker.handle(brokerEnd);
      const client = new MqttClient(() => clientEnd, { clientId, protocolVersion: 4, keepalive: 0, reconnectPeriod: 0 });
      client.once('connect', () => resolve(client));
    });
  const subscriber = await connect('subscriber');
  await subscriber.subscribeAsync('homes/+/devices/+/events');
  const devices = await Promise.all(Array.from({ length: DEVICES }, (_, i) => connect(`db-${i}`)));
  let received = 0;
  const done = new Promise<void>((resolve) => subscriber.on('message', () => ++received === TOTAL && resolve()));
  const start = process.hrtime.bigint();
  for (let e = 0; e < EVENTS_PER_DEVICE; e++) {
    devices.forEach((client, i) => client.publish(deviceTopic(`h${i}`, `db-${i}`, 'events'), PAYLOAD));
  }
  await done;
  const seconds = secondsSince(start);
  for (const c of [subscriber, ...devices]) c.end(true);
  await new Promise<void>((resolve) => broker.close(() => resolve()));
  return TOTAL / seconds;
}

/** The simulator's MQTT path: authenticated devices, tenant ACL, attested links, settle. */
async function simulatorPath(): Promise<number> {
  const world = new World({ seed: 1 });
  const cloud = new Cloud(world);
  const broker = await SimBroker.create(world, cloud);
  const subscriber = await broker.link({ clientId: 'subscriber', ...broker.serviceCredentials('bench') }, 'mqtt');
  await subscriber.subscribe('homes/+/devices/+/events');
  const devices: Link[] = [];
  for (let i = 0; i < DEVICES; i++) {
    const record = cloud.devices.register({ deviceId: `db-${i}`, homeId: `h${i}`, kind: 'doorbell', firmware: '1' });
    devices.push(await broker.link({ clientId: record.deviceId, username: record.deviceId, password: record.credential }, 'mqtt'));
  }
  let received = 0;
  const done = new Promise<void>((resolve) => subscriber.onMessage(() => ++received === TOTAL && resolve()));
  const start = process.hrtime.bigint();
  for (let e = 0; e < EVENTS_PER_DEVICE; e++) {
    devices.forEach((link, i) => link.publish(deviceTopic(`h${i}`, `db-${i}`, 'events'), PAYLOAD));
  }
  await done;
  const seconds = secondsSince(start);
  await world.close();
  return TOTAL / seconds;
}

/** Device events through the simulator's MQTT path vs bare aedes + mqtt.js, interleaved, medians. */
export async function benchMqttPath(repetitions = 5): Promise<BenchResult[]> {
  const bare: number[] = [];
  const sim: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    bare.push(await bareAedes());
    sim.push(await simulatorPath());
  }
  const value = median(sim);
  const baseline = median(bare);
  const ratio = value / baseline;
  return [{ name: 'device events, simulator MQTT path vs bare aedes + mqtt.js (in-memory transport)', value, unit: 'msg/s', baseline, ratio, target: '>= 0.8x', met: ratio >= 0.8 }];
}
