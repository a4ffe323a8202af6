import { z } from 'zod';
import type { Link } from '../../simulator/broker/link.js';
import { memoryPair } from '../../simulator/broker/memory-transport.js';
import { deviceTopic } from '../../simulator/broker/topics.js';
import { MINUTE_MS } from '../../simulator/core/duration.js';
import { defineScenario } from '../../simulator/runner/scenario.js';
import { attackerContext } from '../attackers/attacker-context.js';
import { connectPacket, isHeld, openIdleConnection, type IdleConnection } from './idle-connect.js';
import { sendOversizePublish } from './oversize-publish.js';
import { countDeviceMinutesOffline, tryLink } from './wire-kit.js';

/**
 * A customer floods the broker from its own account (no stolen credential): a connection
 * flood, SlowITe-style slow connections (half a CONNECT, then silence: Vaccari et al.,
 * "SlowITe, a Novel Denial of Service Attack Affecting MQTT", Sensors 20(10), 2020) and a
 * publish flood on its own doorbell's command topic, idle connections (a whole CONNECT
 * declaring keepalive 65,535 s or 0, then silence: the SlowITe variant a CONNECT timeout
 * does not stop, from DOS_IDLE_SOURCE_IP; max-keepalive's attack), and oversize PUBLISHes (MQTTSA's
 * "malformed data"; a 1 MiB packet each, which aedes buffers whole). Every connection comes
 * from one simulated address, DOS_SOURCE_IP, which connect-rate-limit counts. Always capped,
 * whatever the parameters: at most DOS_CAPS connections, slow streams, idle streams, oversize packets
 * (each ≤ DOS_CAPS.oversizeBytes) and publishes, for at most `dos.minutes` ≤ 60 of
 * simulated time, every stream in memory (never a socket).
 */
export const DOS_CAPS = { connections: 1000, slowConnections: 1000, idleConnections: 1000, publishes: 100_000, minutes: 60, oversizePackets: 20, oversizeBytes: 4 * 1024 * 1024 } as const;

/** The flooder's one address (TEST-NET-3, RFC 5737: documentation only, never routed). */
export const DOS_SOURCE_IP = '203.0.113.9';
/**
 * The idle connections' address, a second one (TEST-NET-3 too), so that connect-rate-limit's
 * count for DOS_SOURCE_IP is what it was before they were added; each defence meets its own attack.
 */
export const DOS_IDLE_SOURCE_IP = '203.0.113.10';
/** MQTT 3.1.1 §3.1.2.10: the largest keepalive a CONNECT can declare, 18 h 12 min 15 s. */
export const MAX_MQTT_KEEPALIVE_S = 65_535;

const dosSchema = z.strictObject({
  connections: z.number().int().min(0).max(DOS_CAPS.connections).default(50),
  slowConnections: z.number().int().min(0).max(DOS_CAPS.slowConnections).default(50),
  // Complete CONNECTs, then silence (the SlowITe variant connect-timeout does not stop).
  idleConnections: z.number().int().min(0).max(DOS_CAPS.idleConnections).default(10),
  // What they declare: the maximum, or 0 ("never check me").
  idleKeepaliveS: z.number().int().min(0).max(MAX_MQTT_KEEPALIVE_S).default(MAX_MQTT_KEEPALIVE_S),
  publishes: z.number().int().min(0).max(DOS_CAPS.publishes).default(5000),
  startMinutes: z.number().int().min(0).max(24 * 60).default(10),
  minutes: z.number().int().min(1).max(DOS_CAPS.minutes).default(10),
  oversizePackets: z.number().int().min(0).max(DOS_CAPS.oversizePackets).default(5),
  // Four times the default max-packet-size (256 KiB), so the bound is what stops it.
  oversizeBytes: z.number().int().min(1).max(DOS_CAPS.oversizeBytes).default(1024 * 1024),
});

/** The first bytes of a CONNECT (fixed header 0x10, remaining length 30, "MQTT"…), never finished. */
const HALF_CONNECT = Buffer.from([0x10, 0x1e, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04]);

export default defineScenario({
  name: 'broker-dos',
  summary: 'Connection flood, SlowITe slow and idle (long-keepalive) connects, oversize packets and a publish flood from one customer account, hard-capped',
  params: z.strictObject({ dos: dosSchema.prefault({}) }),
  defaults: { homes: 20, duration: '1h', defenses: 'none' },
  setup(ctx) {
    const { sim, metrics } = ctx;
    const p = ctx.params.dos;
    const attacker = attackerContext(ctx, 'broker-dos', { startMs: p.startMinutes * MINUTE_MS, durationMs: p.minutes * MINUTE_MS });
    for (const key of ['mqtt.idleConnectionsAccepted', 'mqtt.idleConnectionsHeld', 'mqtt.dosConnectionsOpened', 'mqtt.dosConnectionsRefused', 'mqtt.slowConnectionsHeld', 'mqtt.dosPublishesSent', 'mqtt.dosPublishesDelivered', 'mqtt.oversizePacketsSent', 'mqtt.oversizePacketsAccepted']) metrics.set(key, 0);
    // A packet the header check dropped never reached aedes' parser; any other was buffered whole first.
    sim.recorder.count('broker.stream-refused', 'mqtt.oversizeDroppedAtHeader', (e) => e.reason === 'packet-too-large');
    sim.recorder.count('broker.stream-refused', 'mqtt.slowConnectionsTimedOut', (e) => e.reason === 'connect-timeout');
    sim.recorder.count('broker.keepalive-expired', 'mqtt.idleConnectionsClosedForSilence');
    countDeviceMinutesOffline(ctx);
    const home = sim.town.homes.at(-1)!;
    const doorbell = sim.cloud.devices.inHome(home.homeId)[0];
    const links: Link[] = [];
    const slow: Array<ReturnType<typeof memoryPair>> = [];
    const idle: IdleConnection[] = [];
    sim.world.scheduler.at(attacker.window.startMs, () =>
      sim.world.spawn(async () => {
        const account = sim.cloud.accounts.create({ id: 'dos-attacker', email: 'dos-attacker@attacker.example', password: 'unused-by-this-attack', homeIds: [home.homeId], nowMs: sim.world.now() });
        const session = sim.cloud.sessions.mint(account, { ip: DOS_SOURCE_IP, clientFingerprint: 'mqtt-flood', heldBy: 'attacker' });
        for (let i = 0; i < p.connections; i++) {
          const link = await tryLink(attacker, { clientId: `dos-${i}`, username: account.email, password: session.token, remoteAddress: DOS_SOURCE_IP });
          if ('reason' in link) metrics.add('mqtt.dosConnectionsRefused');
          else {
            metrics.add('mqtt.dosConnectionsOpened');
            links.push(link);
          }
        }
        for (let i = 0; i < p.slowConnections; i++) {
          const pair = memoryPair(sim.broker.meter);
          pair[0].on('error', () => {});
          sim.broker.handle(pair[1], 'memory', DOS_SOURCE_IP);
          pair[0].write(HALF_CONNECT);
          slow.push(pair);
        }
        for (let i = 0; i < p.oversizePackets; i++) {
          const login = { clientId: `dos-big-${i}`, username: account.email, password: session.token, remoteAddress: DOS_SOURCE_IP };
          const outcome = await sendOversizePublish(sim.broker, login, `homes/${home.homeId}/dos-oversize`, p.oversizeBytes);
          if (outcome !== 'not-connected') metrics.add('mqtt.oversizePacketsSent');
          if (outcome === 'acked') metrics.add('mqtt.oversizePacketsAccepted');
        }
        for (let i = 0; i < p.idleConnections; i++) {
          idle.push(await openIdleConnection(sim.broker, DOS_IDLE_SOURCE_IP, connectPacket(`dos-idle-${i}`, account.email, session.token, p.idleKeepaliveS)));
        }
        const flooder = links[0];
        if (flooder && doorbell) {
          const topic = deviceTopic(home.homeId, doorbell.deviceId, 'commands');
          flooder.onMessage(() => metrics.add('mqtt.dosPublishesDelivered'));
          await flooder.subscribe(topic).catch(() => false);
          for (let i = 0; i < p.publishes && flooder.connected; i++) {
            flooder.publish(topic, 'flood');
            metrics.add('mqtt.dosPublishesSent');
          }
        }
      }),
    );
    sim.world.scheduler.at(attacker.window.endMs, () => {
      metrics.set('mqtt.slowConnectionsHeld', slow.filter(([attackerEnd]) => !attackerEnd.destroyed && !attackerEnd.readableEnded).length);
      for (const [attackerEnd] of slow) attackerEnd.destroy();
      metrics.set('mqtt.idleConnectionsAccepted', idle.filter((c) => c.accepted).length);
      metrics.set('mqtt.idleConnectionsHeld', idle.filter(isHeld).length);
      for (const c of idle) c.end.destroy();
      sim.world.spawn(async () => {
        for (const link of links) await link.close().catch(() => undefined);
      });
    });
  },
  finish(ctx) {
    const m = ctx.metrics;
    const buffered = (m.get('mqtt.oversizePacketsSent') ?? 0) - (m.get('mqtt.oversizeDroppedAtHeader') ?? 0);
    return { 'mqtt.oversizeBytesBuffered': buffered * ctx.params.dos.oversizeBytes };
  },
});
