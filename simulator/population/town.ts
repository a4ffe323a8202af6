import type { Account, SecondFactorKind } from '../cloud/accounts.js';
import { newTotpSecret } from '../cloud/totp.js';
import type { Cloud } from '../cloud/cloud.js';
import type { DeviceRecord } from '../cloud/device-registry.js';
import type { SeededRandom } from '../core/random.js';
import type { World } from '../core/world.js';
import { deviceKinds } from '../../devices/catalog.js';
import type { ResidentHabits } from './residents.js';

/** One customer household: an owner account, its password, and its devices. */
export interface Home {
  readonly index: number;
  readonly homeId: string;
  readonly owner: Account;
  /**
   * The address the resident signs in with. It is theirs, not the account record's: when an
   * attacker changes the account's e-mail (account takeover), the owner still types this
   * one, is refused as an unknown account, and is locked out of their own account.
   */
  readonly email: string;
  /** What the resident types (the cloud only stores the hash). */
  password: string;
  /** The home's devices, one per kind it has, in catalogue order (devices/catalog.ts). */
  readonly devices: readonly DeviceRecord[];
  /**
   * The home's doorbell (every home has one: the built-in kind's share is 1). Kept for code
   * that predates the catalogue; new code reads `devicesOf(home, kind)` or asks by capability.
   */
  readonly doorbell: DeviceRecord;
  /** The resident's password habits, when a population model chose them (residents.ts). */
  readonly habits?: ResidentHabits;
}

export interface ResidentChoice {
  password: string;
  /** The second factor the owner opted into (a TOTP secret is issued for 'totp'). */
  secondFactor?: SecondFactorKind | null;
  /** Habits behind the choice, kept on the Home for breach generation and metrics. */
  habits?: ResidentHabits;
}

export interface TownOptions {
  homes: number;
  /** How resident `index` picks a password (population models plug in here). */
  resident?: (index: number, random: SeededRandom) => ResidentChoice;
  /**
   * The world's parameters by group (`doorbell`, a registered kind's name): each kind's share
   * of homes is read from its own. A kind missing here uses its defaults.
   */
  deviceParams?: Readonly<Record<string, unknown>>;
}

export const EMAIL_DOMAIN = 'mail.example';

export function homeId(index: number): string {
  return `home-${String(index + 1).padStart(5, '0')}`;
}

export function ownerEmail(index: number): string {
  return `resident${String(index + 1).padStart(5, '0')}@${EMAIL_DOMAIN}`;
}

/** A strong random password: what a resident with a password manager would use. */
export function randomPassword(random: SeededRandom): string {
  return `${random.hex(6)}-${random.hex(6)}`;
}

/** A home's devices of one kind (`devicesOf(home, 'doorbell')`). */
export function devicesOf(home: Pick<Home, 'devices'>, kind: string): DeviceRecord[] {
  return home.devices.filter((device) => device.kind === kind);
}

/** How the town installs one catalogued kind: its share of homes and the streams it draws from. */
interface KindInstaller {
  readonly name: string;
  readonly idPrefix: string;
  readonly firmwareVersions: readonly string[];
  readonly share: number;
  readonly homes: SeededRandom;
  readonly firmware: SeededRandom;
  readonly credentials: SeededRandom;
}

function kindInstallers(world: World, deviceParams: Readonly<Record<string, unknown>> | undefined): KindInstaller[] {
  return deviceKinds().map(({ definition, streams }) => {
    const given = deviceParams?.[definition.name];
    const share = definition.shareOfHomes(given === undefined ? definition.params.parse({}) : given);
    if (!(share >= 0 && share <= 1)) throw new RangeError(`device kind ${definition.name}: share of homes must be from 0 to 1, got ${share}`);
    return {
      name: definition.name,
      idPrefix: definition.idPrefix,
      firmwareVersions: definition.firmwareVersions,
      share,
      homes: world.rng(streams.homes),
      firmware: world.rng(streams.firmware),
      credentials: world.rng(streams.credentials),
    };
  });
}

/** The customers: homes with an owner account and the devices the catalogue puts in each. */
export class Town {
  readonly homes: Home[] = [];
  private readonly byId = new Map<string, Home>();

  constructor(world: World, cloud: Cloud, options: TownOptions) {
    if (!Number.isInteger(options.homes) || options.homes < 1) throw new RangeError(`homes must be a whole number >= 1, got ${options.homes}`);
    const random = world.rng('population/residents');
    // Own stream: enrolling owners in TOTP must not shift anyone else's draws.
    const totpSecrets = world.rng('population/totp-secrets');
    const installers = kindInstallers(world, options.deviceParams);
    const pick = options.resident ?? ((_i: number, r: SeededRandom): ResidentChoice => ({ password: randomPassword(r) }));
    for (let index = 0; index < options.homes; index++) {
      const id = homeId(index);
      const { password, secondFactor, habits } = pick(index, random);
      const email = ownerEmail(index);
      const owner = cloud.accounts.create({ id: `acct-${id.slice(5)}`, email, password, homeIds: [id], nowMs: world.now() });
      if (secondFactor) {
        owner.secondFactor = secondFactor;
        if (secondFactor === 'totp') owner.totpSecret = newTotpSecret(totpSecrets);
      }
      // Kind by kind, each from its own streams (the doorbell's firmware from the residents'
      // stream, as before the catalogue: see devices/catalog.ts), so the draws are as they were.
      const devices: DeviceRecord[] = [];
      for (const kind of installers) {
        if (!kind.homes.chance(kind.share)) continue;
        const firmware = kind.firmware.pick(kind.firmwareVersions);
        devices.push(cloud.devices.register({ deviceId: `${kind.idPrefix}-${id.slice(5)}`, homeId: id, kind: kind.name, firmware }, kind.credentials));
      }
      const doorbell = devicesOf({ devices }, 'doorbell')[0]!;
      const home: Home = habits ? { index, homeId: id, owner, email, password, devices, doorbell, habits } : { index, homeId: id, owner, email, password, devices, doorbell };
      this.homes.push(home);
      this.byId.set(id, home);
    }
  }

  get(homeIdValue: string): Home | undefined {
    return this.byId.get(homeIdValue);
  }
}
