import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryPair } from '../../simulator/broker/memory-transport.js';
import { SimBroker } from '../../simulator/broker/sim-broker.js';
import { Cloud } from '../../simulator/cloud/cloud.js';
import { World } from '../../simulator/core/world.js';
import { createHomes, loginOwner, type TestHome } from './helpers/live-world.js';
import { connectPacket, publishPacket } from './helpers/raw-mqtt.js';
import { withTimeout } from './helpers/wait.js';

/**
 * The in-memory path that simulated actors use (`broker.handle(duplexEnd)`, simulation
 * mode, no sockets): hostile bytes end that stream and leave the world able to settle.
 */
describe('hostile bytes on the in-memory path', () => {
  let world: World;
  let cloud: Cloud;
  let broker: SimBroker;
  let A: TestHome;

  beforeEach(async () => {
    world = new World({ seed: 7, retainLog: true });
    cloud = new Cloud(world);
    A = createHomes(world, cloud, ['A'])['A']!;
    broker = await SimBroker.create(world, cloud);
  });
  afterEach(async () => {
    await world.close();
  });

  /** A raw stream into the broker; resolves `closed` when the broker hangs up on it. */
  const attach = () => {
    const [clientEnd, brokerEnd] = memoryPair(broker.meter);
    clientEnd.on('error', () => {});
    const received: Buffer[] = [];
    clientEnd.on('data', (chunk: Buffer) => received.push(chunk));
    const closed = new Promise<void>((resolve) => clientEnd.once('close', () => resolve()));
    broker.handle(brokerEnd);
    return { clientEnd, received, closed: () => withTimeout(closed, 5_000, 'the broker to close the stream') };
  };

  /** A device and its owner over links, as simulated actors connect: a message gets through. */
  const roundTrip = async (payload: string) => {
    const device = A.devices[0]!;
    const doorbell = await broker.link({ clientId: device.deviceId, username: device.deviceId, password: device.credential }, 'mqtt');
    const owner = await broker.link({ clientId: broker.nextClientId('app'), username: A.email, password: loginOwner(cloud, A) }, 'mqtt');
    const got: string[] = [];
    owner.onMessage((_topic, text) => got.push(text));
    expect(await owner.subscribe('homes/A/#')).toBe(true);
    doorbell.publish(A.topic('events'), payload);
    await world.settle();
    expect(got).toEqual([payload]);
    await Promise.all([doorbell.close(), owner.close()]);
  };

  it.each([
    ['garbage bytes', Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0xde, 0xad])],
    ['a remaining length of five bytes', Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x7f])],
    ['a CONNECT with protocol level 9', connectPacket({ clientId: 'level-9', level: 9 })],
    ['a PUBLISH before CONNECT', publishPacket('homes/A/devices/db-A-1/events', 'forged')],
  ])('%s: the broker ends that stream, the world settles, links still work', async (name, bytes) => {
    const hostile = attach();
    hostile.clientEnd.write(bytes);
    await hostile.closed();
    expect(hostile.received).toEqual([]);
    await world.settle();
    await roundTrip(`after ${name}`);
  });

  it('a truncated CONNECT followed by end of stream is cleaned up', async () => {
    const hostile = attach();
    const bytes = connectPacket({ clientId: 'cut', username: A.email, password: 'x' });
    hostile.clientEnd.write(bytes.subarray(0, 9));
    hostile.clientEnd.end();
    await hostile.closed();
    await world.settle();
    expect(broker.connectedClients()).toBe(0);
    await roundTrip('after a truncated CONNECT');
  });

  it('a CONNECT with protocol level 5 is answered 0x01 and the stream ended', async () => {
    const hostile = attach();
    hostile.clientEnd.write(connectPacket({ clientId: 'v5', level: 5 }));
    await hostile.closed();
    expect(Buffer.concat(hostile.received)).toEqual(Buffer.from([0x20, 0x02, 0x00, 0x01]));
    await roundTrip('after MQTT 5');
  });
});
