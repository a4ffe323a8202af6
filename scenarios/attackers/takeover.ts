import type { Link } from '../../simulator/broker/link.js';
import { deviceTopic, homeFilter } from '../../simulator/broker/topics.js';
import type { Account } from '../../simulator/cloud/accounts.js';
import type { Session } from '../../simulator/cloud/sessions.js';
import type { SeededRandom } from '../../simulator/core/random.js';
import { createAccountChecked } from '../../simulator/defenses/index.js';
import { strongPassword } from '../../simulator/population/password-model.js';
import type { Simulation } from '../../simulator/runner/simulation.js';
import type { TakeoverParams } from './attack-params.js';

declare module '../../simulator/core/event-log.js' {
  interface EventTypes {
    /** The attacker used a stolen session: listed the account's devices and opened them. */
    'attack.takeover-visit': { attack: string; accountId: string; visit: number; devices: number };
    /** The stolen session stopped working (revoked, password changed) when the attacker came back. */
    'attack.access-lost': { attack: string; email: string; visits: number };
  }
}

// Built once: command payloads carry no per-attempt data (the broker stamps the sender).
const LIVE_VIEW_START = JSON.stringify({ cmd: 'live-view-start' });
const LIVE_VIEW_STOP = JSON.stringify({ cmd: 'live-view-stop' });
const TALK = JSON.stringify({ cmd: 'talk', message: 'I can see you.' });

interface Held {
  email: string;
  token: string;
  visits: number;
}

interface Plan {
  liveViewMs: number;
  talk: boolean;
  addSharedUser: boolean;
  changeEmail: boolean;
  nextVisitMs: number;
}

/**
 * What an attacker does with a working login (Ring, 2019): list the devices, open live view,
 * sometimes talk through the doorbell's speaker, on the first visit maybe add a shared user
 * (its own account) and change the account's e-mail, then come back now and then while the
 * session lasts. Everything goes through the cloud API with the stolen session token and
 * over a real broker link (MQTT or the fast path) that authenticates with it; the devices
 * log each command with the session that sent it.
 */
export class Takeover {
  private readonly held = new Map<string, Held>();
  private intruders = 0;

  constructor(
    private readonly sim: Simulation,
    readonly attack: string,
    private readonly random: SeededRandom,
    private readonly params: TakeoverParams,
  ) {}

  /** A login succeeded for `email`: use the session after the hijacker's usual delay. */
  begin(email: string, session: Session): void {
    const known = this.held.get(email);
    if (known) {
      known.token = session.token; // a fresh session for an account already in hand
      return;
    }
    const entry: Held = { email, token: session.token, visits: 0 };
    this.held.set(email, entry);
    this.sim.world.scheduler.after(this.random.exponential(this.params.meanDelayMs), () => this.visit(entry));
  }

  private visit(entry: Held): void {
    const { world, cloud, broker } = this.sim;
    const account = cloud.accountForToken(entry.token);
    if (!account) {
      world.log.emit('attack.access-lost', { attack: this.attack, email: entry.email, visits: entry.visits });
      return;
    }
    entry.visits++;
    const devices = account.homeIds.flatMap((homeId) => cloud.devices.inHome(homeId));
    world.log.emit('attack.takeover-visit', { attack: this.attack, accountId: account.id, visit: entry.visits, devices: devices.length });
    // Every draw happens here, synchronously, so the order of async completions cannot shift them.
    const p = this.params;
    const first = entry.visits === 1;
    const plan: Plan = {
      liveViewMs: this.random.exponential(p.liveViewMeanMs),
      talk: this.random.chance(p.talkChance),
      addSharedUser: first && this.random.chance(p.sharedUserChance),
      changeEmail: first && this.random.chance(p.changeEmailChance),
      nextVisitMs: this.random.exponential(p.revisitMeanMs),
    };
    if (plan.addSharedUser) this.addSharedUser(account);
    if (plan.changeEmail) cloud.changeEmail(account, `${this.attack}-${++this.intruders}@attacker.example`, 'attacker');
    const email = account.email;
    world.spawn(async () => {
      let link: Link;
      try {
        link = await broker.link({ clientId: broker.nextClientId(`intruder-${this.attack}`), username: email, password: entry.token }, this.sim.transport);
      } catch {
        return; // refused: the session died in between; the next visit notices
      }
      for (const device of devices) {
        // A revocation can drop the link at any await: the attacker just loses the view.
        if (!(await link.subscribe(homeFilter(device.homeId)).catch(() => false))) continue;
        link.publish(deviceTopic(device.homeId, device.deviceId, 'commands'), LIVE_VIEW_START);
        if (plan.talk) link.publish(deviceTopic(device.homeId, device.deviceId, 'commands'), TALK);
      }
      world.scheduler.after(plan.liveViewMs, () => {
        for (const device of devices) link.publish(deviceTopic(device.homeId, device.deviceId, 'commands'), LIVE_VIEW_STOP);
        world.spawn(() => link.close().catch(() => undefined));
      });
    });
    if (entry.visits < p.maxVisits) world.scheduler.after(plan.nextVisitMs, () => this.visit(entry));
  }

  /** Ring's "shared users": the attacker invites an account of its own, which keeps access after a password change. */
  private addSharedUser(account: Account): void {
    const { cloud, world } = this.sim;
    const n = ++this.intruders;
    const created = createAccountChecked(cloud, {
      id: `${this.attack}-intruder-${n}`,
      email: `${this.attack}-intruder-${n}@attacker.example`,
      password: strongPassword(this.random),
      homeIds: [],
      nowMs: world.now(),
    });
    if (!created.ok) return;
    for (const homeId of [...account.homeIds]) cloud.addSharedUser(homeId, created.account, 'attacker');
  }
}
