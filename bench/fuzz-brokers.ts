import fc from 'fast-check';
import * as mqttPacket from 'mqtt-packet';
import { parseArgs } from 'node:util';
import { memoryPair } from '../simulator/broker/memory-transport.js';
import { deviceTopic } from '../simulator/broker/topics.js';
import { installDefenses } from '../simulator/defenses/index.js';
import { fuzzMosquitto, PER_CONNECTION, rssKiB } from '../test/integration/helpers/mosquitto-fuzz.js';
import { createStack, login, signUp } from '../test/property/support/cloud-world.js';
import { mutate, mutation, packetArb, type FuzzLogin } from '../test/property/support/mqtt-fuzz.js';

/**
 * Issue 17: the full 100,000 generated malformed packets against both brokers, and the
 * comparison printed: aedes in process at mqtt-hardened (as test/property/
 * fuzz-malformed-hardened.test.ts) and Debian's Mosquitto over loopback TCP with
 * mosquitto-config's hardened files (test/integration/helpers/mosquitto-fuzz.ts). Memory is
 * VmRSS from /proc/PID/status: this node process for aedes, the mosquitto process for
 * Mosquitto. Not part of `npm run bench` (it needs mosquitto and minutes):
 *   node --import tsx bench/fuzz-brokers.ts [--packets 100000] [--seed N]
 */
const CONNECTIONS_PER_BATCH = 200;

async function fuzzAedes(packets: number, seed: number) {
  const stack = await createStack(17);
  const { cloud, broker, world } = stack;
  installDefenses(cloud, world, 'mqtt-hardened', { broker });
  const credential = cloud.devices.register({ deviceId: 'h1-d1', homeId: 'h1', kind: 'doorbell', firmware: '1.0.0' }).credential;
  const device = await broker.link({ clientId: 'h1-d1', username: 'h1-d1', password: credential }, 'mqtt');
  signUp(cloud, 'owner-h1', 'owner@h1.test', 'pw', ['h1']);
  const owner = await broker.link({ clientId: 'app-h1', username: 'owner@h1.test', password: login(cloud, 'owner@h1.test', 'pw')! }, 'mqtt');
  let last = '';
  owner.onMessage((_t, payload) => (last = payload));
  await owner.subscribe('homes/h1/#');
  const fuzzer = cloud.devices.register({ deviceId: 'hF-fuzz', homeId: 'hF', kind: 'doorbell', firmware: '0.0.0' });
  const fuzzLogin: FuzzLogin = { clientId: 'hF-fuzz', username: 'hF-fuzz', password: fuzzer.credential, topics: ['events', 'status', 'commands', 'media'].map((c) => `homes/hF/devices/hF-fuzz/${c}`) };
  const malformed = fc.tuple(packetArb(fuzzLogin, 1), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([p, ms]) => ms.reduce(mutate, p));
  const connection = fc.record({ authenticated: fc.nat(3).map((n) => n > 0), packets: fc.array(malformed, { minLength: PER_CONNECTION, maxLength: PER_CONNECTION }) });
  const connectBytes = mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 0, clientId: 'hF-fuzz-fz', username: fuzzLogin.username, password: Buffer.from(fuzzLogin.password) }, { protocolVersion: 4 });
  const rssBeforeKiB = rssKiB(process.pid);
  let rssPeakKiB = rssBeforeKiB;
  let sent = 0;
  let honestReceived = 0;
  const batches = Math.ceil(packets / PER_CONNECTION / CONNECTIONS_PER_BATCH);
  for (let batch = 0; batch < batches; batch++) {
    const numRuns = Math.min(CONNECTIONS_PER_BATCH, Math.ceil((packets - sent) / PER_CONNECTION));
    for (const { authenticated, packets: stream } of fc.sample(connection, { seed: seed + batch, numRuns })) {
      const [attacker, brokerSide] = memoryPair(broker.meter);
      attacker.on('error', () => {});
      broker.handle(brokerSide);
      if (authenticated) attacker.write(connectBytes);
      for (const packet of stream) attacker.write(packet);
      attacker.end();
    }
    sent += numRuns * PER_CONNECTION;
    await world.settle();
    device.publish(deviceTopic('h1', 'h1-d1', 'events'), `honest-${batch}`);
    await world.settle();
    if (last === `honest-${batch}` && device.connected && owner.connected) honestReceived++;
    rssPeakKiB = Math.max(rssPeakKiB, rssKiB(process.pid));
  }
  const result = { packets: sent, batches, honestReceived, rssBeforeKiB, rssAfterKiB: rssKiB(process.pid), rssPeakKiB, stillRunning: true };
  await world.close();
  return result;
}

const { values } = parseArgs({ options: { packets: { type: 'string', default: '100000' }, seed: { type: 'string' } } });
const packets = Number(values.packets);
if (!Number.isInteger(packets) || packets < PER_CONNECTION) {
  console.error(`fuzz-brokers: --packets: expected a whole number >= ${PER_CONNECTION}, got "${values.packets}"`);
  process.exit(2);
}
const seed = values.seed === undefined ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(values.seed);
console.log(`fuzz-brokers: ${packets} malformed packets, seed ${seed} (replay with --seed ${seed})`);
const rows: Array<[string, Awaited<ReturnType<typeof fuzzAedes>>]> = [];
rows.push(['aedes (mqtt-hardened, in process)', await fuzzAedes(packets, seed)]);
rows.push(['Mosquitto (hardened files, TCP)', await fuzzMosquitto(packets, seed)]);
console.log('broker                              packets  up   honest received  VmRSS KiB before / peak / after  growth');
for (const [name, r] of rows) {
  console.log(`${name.padEnd(36)}${String(r.packets).padStart(7)}  ${r.stillRunning ? 'yes' : 'NO '}  ${`${r.honestReceived}/${r.batches}`.padStart(15)}  ${`${r.rssBeforeKiB} / ${r.rssPeakKiB} / ${r.rssAfterKiB}`.padStart(31)}  ${r.rssPeakKiB - r.rssBeforeKiB}`);
}
