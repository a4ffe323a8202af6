import type { Link } from '../simulator/broker/link.js';
import { deviceTopic } from '../simulator/broker/topics.js';
import type { DeviceRecord } from '../simulator/cloud/device-registry.js';
import { DAY_MS, SECOND_MS } from '../simulator/core/duration.js';
import type { SeededRandom } from '../simulator/core/random.js';
import type { TimerHandle } from '../simulator/core/scheduler.js';
import type { World } from '../simulator/core/world.js';
import { ActivityProfile } from './activity-profile.js';
import { DEFAULT_DOORBELL_PARAMS, type DoorbellParams } from './doorbell-params.js';
import { parseDoorbellCommand, type DoorbellCommand } from './doorbell-commands.js';
import { commandGateOf, judgeCommand } from './command-gate.js';

declare module '../simulator/core/event-log.js' {
  interface EventTypes {
    'device.online': { homeId: string; deviceId: string };
    'device.motion': { homeId: string; deviceId: string };
    'device.ding': { homeId: string; deviceId: string };
    'device.recording': { homeId: string; deviceId: string; clipId: string; durationS: number };
    'device.status': { homeId: string; deviceId: string; battery: number };
    'device.command': { homeId: string; deviceId: string; cmd: string; accountId: string; sessionId: string };
    'device.live-view': { homeId: string; deviceId: string; accountId: string; sessionId: string; seconds: number };
    'device.speaker': { homeId: string; deviceId: string; accountId: string; sessionId: string; chars: number };
  }
}

// Parameters, their defaults and sources: doorbell-params.ts (the catalogue reads the schema there).
export { DEFAULT_DOORBELL_PARAMS, type DoorbellParams } from './doorbell-params.js';

interface LiveView {
  id: string;
  accountId: string;
  sessionId: string;
  startedAtMs: number;
  segmentTimer: TimerHandle;
  stopTimer: TimerHandle;
}

/**
 * A simulated video doorbell. Connects with its own credential, keeps a retained status
 * (last will: offline), reports motion and rings from a daily profile, announces clips, and
 * obeys live view, talk and settings commands — logging each with the sender the broker attested.
 */
export class Doorbell {
  private readonly random: SeededRandom;
  private readonly motion: ActivityProfile;
  private readonly dings: ActivityProfile;
  private readonly busyness: number;
  private battery: number;
  private motionSensitivity = 0.5;
  private privacyZones = 0;
  private clipCounter = 0;
  private liveView: LiveView | undefined;
  /** Its topics, built once: every event and clip is published on one of them. */
  private readonly topics: Record<'events' | 'status' | 'media', string>;
  /** Pending timers by purpose (one each: the next motion, the next ring, the status report). */
  private readonly timers = new Map<'motion' | 'ding' | 'status', TimerHandle>();

  private constructor(readonly world: World, readonly record: DeviceRecord, readonly link: Link, readonly params: DoorbellParams) {
    this.random = world.rng(`device/${record.deviceId}`);
    this.motion = new ActivityProfile(params.motionPerDay);
    this.dings = new ActivityProfile(params.dingsPerDay);
    // Front doors differ: a busy street sees several times a cul-de-sac's traffic.
    this.busyness = Math.exp(this.random.float() * Math.log(4)) / 2;
    this.battery = this.random.int(60, 100);
    this.topics = { events: this.topic('events'), status: this.topic('status'), media: this.topic('media') };
  }

  static async connect(world: World, record: DeviceRecord, connect: (will: { topic: string; payload: string; retain: boolean }) => Promise<Link>, params = DEFAULT_DOORBELL_PARAMS): Promise<Doorbell> {
    const statusTopic = deviceTopic(record.homeId, record.deviceId, 'status');
    const link = await connect({ topic: statusTopic, payload: JSON.stringify({ online: false }), retain: true });
    const doorbell = new Doorbell(world, record, link, params);
    await doorbell.start();
    return doorbell;
  }

  private topic(channel: 'events' | 'status' | 'media'): string {
    return deviceTopic(this.record.homeId, this.record.deviceId, channel);
  }

  private async start(): Promise<void> {
    const { homeId, deviceId } = this.record;
    this.link.onMessage((_topic, payload) => {
      const command = parseDoorbellCommand(payload);
      if (command && this.admits(command, payload)) this.obey(command);
    });
    await this.link.subscribe(deviceTopic(homeId, deviceId, 'commands'));
    this.world.log.emit('device.online', { homeId, deviceId });
    this.publishStatus();
    const scheduler = this.world.scheduler;
    this.timers.set('status', scheduler.every(this.params.statusEveryMs, () => this.publishStatus()));
    this.scheduleNext('motion');
    this.scheduleNext('ding');
  }

  private sensitivityScale(): number {
    return this.busyness * this.motionSensitivity * 2 * (1 - 0.1 * this.privacyZones);
  }

  private scheduleNext(kind: 'motion' | 'ding'): void {
    const now = this.world.now();
    const at = kind === 'motion' ? this.motion.nextAfter(now, this.random, this.sensitivityScale()) : this.dings.nextAfter(now, this.random, this.busyness);
    if (!Number.isFinite(at)) return;
    this.timers.set(kind, this.world.scheduler.at(at, kind === 'motion' ? this.onMotion : this.onDing));
  }

  // Made once per doorbell, not a closure per detection: every new function costs a
  // defineProperty under tsx (esbuild keepNames), and detections are the town's bulk events.
  private readonly onMotion = () => {
    this.detect('motion');
    this.scheduleNext('motion');
  };
  private readonly onDing = () => {
    this.detect('ding');
    this.scheduleNext('ding');
  };

  private detect(kind: 'motion' | 'ding'): void {
    const { homeId, deviceId } = this.record;
    const nowMs = this.world.now();
    this.world.log.emit(kind === 'motion' ? 'device.motion' : 'device.ding', { homeId, deviceId });
    // Written out, byte for byte what JSON.stringify gives (kind is a fixed word, the rest
    // numbers): the two payloads of every detection are the town's bulk traffic.
    this.link.publish(this.topics.events, `{"type":"${kind}","at":${nowMs}}`);
    const clipId = `${deviceId}-c${++this.clipCounter}`;
    const durationS = this.random.int(this.params.clipMinS, this.params.clipMaxS);
    this.world.log.emit('device.recording', { homeId, deviceId, clipId, durationS });
    this.link.publish(this.topics.media, `{"type":"recording","clipId":${JSON.stringify(clipId)},"durationS":${durationS},"capturedAtMs":${nowMs}}`);
  }

  private publishStatus(): void {
    const elapsedDays = this.world.now() / DAY_MS;
    const battery = Math.max(0, Math.round(this.battery - elapsedDays * this.params.batteryDrainPerDay));
    this.world.log.emit('device.status', { homeId: this.record.homeId, deviceId: this.record.deviceId, battery });
    this.link.publish(this.topics.status, JSON.stringify({ online: true, battery, firmware: this.record.firmware }), { retain: true });
  }

  /** The world's command gate (command-gate.ts) over a well-formed command; none installed: obeyed as always. */
  private admits(command: DoorbellCommand, payload: string): boolean {
    const gate = commandGateOf(this.world);
    if (!gate) return true;
    // The raw object, `sig` and all (the zod parse strips what the command schema does not name); bounded by the parse that passed.
    const refusal = judgeCommand(gate, this.record, payload, JSON.parse(payload) as Record<string, unknown>, this.world.now());
    if (refusal === undefined) return true;
    this.world.log.emit('device.command-rejected', { homeId: this.record.homeId, deviceId: this.record.deviceId, cmd: command.cmd, reason: refusal });
    return false;
  }

  private obey(command: DoorbellCommand): void {
    const { homeId, deviceId } = this.record;
    const { accountId, sessionId } = command.from;
    this.world.log.emit('device.command', { homeId, deviceId, cmd: command.cmd, accountId, sessionId });
    switch (command.cmd) {
      case 'live-view-start':
        return this.startLiveView(accountId, sessionId);
      case 'live-view-stop':
        return this.stopLiveView();
      case 'talk':
        this.world.log.emit('device.speaker', { homeId, deviceId, accountId, sessionId, chars: command.message.length });
        return;
      case 'settings':
        if (command.motionSensitivity !== undefined) this.motionSensitivity = command.motionSensitivity;
        if (command.privacyZones !== undefined) this.privacyZones = command.privacyZones;
        // New detection settings apply at once: redraw the pending motion at the new rate.
        this.world.scheduler.cancel(this.timers.get('motion'));
        this.scheduleNext('motion');
        return;
    }
  }

  private startLiveView(accountId: string, sessionId: string): void {
    if (this.liveView) this.stopLiveView();
    const scheduler = this.world.scheduler;
    const id = `${this.record.deviceId}-lv${++this.clipCounter}`;
    const announce = (state: string, seconds: number) =>
      this.link.publish(this.topics.media, JSON.stringify({ type: 'live-view', state, liveViewId: id, seconds }));
    this.liveView = {
      id,
      accountId,
      sessionId,
      startedAtMs: this.world.now(),
      segmentTimer: scheduler.every(this.params.liveViewSegmentMs, () => announce('segment', this.params.liveViewSegmentMs / SECOND_MS)),
      stopTimer: scheduler.after(this.params.liveViewMaxMs, () => this.stopLiveView()),
    };
    announce('started', 0);
  }

  private stopLiveView(): void {
    const view = this.liveView;
    if (!view) return;
    this.liveView = undefined;
    this.world.scheduler.cancel(view.segmentTimer);
    this.world.scheduler.cancel(view.stopTimer);
    const seconds = Math.round((this.world.now() - view.startedAtMs) / SECOND_MS);
    this.world.log.emit('device.live-view', { homeId: this.record.homeId, deviceId: this.record.deviceId, accountId: view.accountId, sessionId: view.sessionId, seconds });
    this.link.publish(this.topics.media, JSON.stringify({ type: 'live-view', state: 'stopped', liveViewId: view.id, seconds }));
  }

  /** Ends the run for this device: live view closed, timers cancelled, link closed. */
  async stop(): Promise<void> {
    this.stopLiveView();
    for (const timer of this.timers.values()) this.world.scheduler.cancel(timer);
    await this.link.close();
  }
}
