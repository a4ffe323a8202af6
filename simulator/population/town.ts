import type { Account, SecondFactorKind } from '../cloud/accounts.js';
import { newTotpSecret } from '../cloud/totp.js';
import type { Cloud } from '../cloud/cloud.js';
import type { DeviceRecord } from '../cloud/device-registry.js';
import type { SeededRandom } from '../core/random.js';
import type { World } from '../core/world.js';
import type { ResidentHabits } from './residents.js';

/** One customer household: an owner account, its password, and one doorbell. */
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
  /** Firmware versions in the field, picked uniformly. */
  firmwareVersions?: readonly string[];
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

/** The customers: homes with an owner account and a registered doorbell each. */
export class Town {
  readonly homes: Home[] = [];
  private readonly byId = new Map<string, Home>();

  constructor(world: World, cloud: Cloud, options: TownOptions) {
    if (!Number.isInteger(options.homes) || options.homes < 1) throw new RangeError(`homes must be a whole number >= 1, got ${options.homes}`);
    const random = world.rng('population/residents');
    // Own stream: enrolling owners in TOTP must not shift anyone else's draws.
    const totpSecrets = world.rng('population/totp-secrets');
    const firmware = options.firmwareVersions ?? ['2.4.1', '2.5.0', '2.5.3'];
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
      const doorbell = cloud.devices.register({ deviceId: `db-${id.slice(5)}`, homeId: id, kind: 'doorbell', firmware: random.pick(firmware) });
      const home: Home = habits ? { index, homeId: id, owner, email, password, doorbell, habits } : { index, homeId: id, owner, email, password, doorbell };
      this.homes.push(home);
      this.byId.set(id, home);
    }
  }

  get(homeIdValue: string): Home | undefined {
    return this.byId.get(homeIdValue);
  }
}
