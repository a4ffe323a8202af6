import type { SeededRandom } from '../core/random.js';
import type { SecretSource } from '../core/secret-source.js';

/**
 * A kind's name from the device catalogue (devices/catalog.ts): `doorbell`, or any kind
 * registered there. The registry stores it and never branches on it.
 */
export type DeviceKind = string;

export interface DeviceRecord {
  readonly deviceId: string;
  readonly homeId: string;
  readonly kind: DeviceKind;
  /** Unique per device, 128 bits from the world's secret source: the broker password of the device. */
  readonly credential: string;
  firmware: string;
}

/** Which devices exist, which home each belongs to, and the secret each one connects with. */
export class DeviceRegistry {
  private readonly byId = new Map<string, DeviceRecord>();
  private readonly byHome = new Map<string, DeviceRecord[]>();

  constructor(
    private readonly random: SeededRandom,
    private readonly secrets: SecretSource,
  ) {}

  /**
   * `credentials` is the seeded stream the secret is drawn from: by default the cloud's own;
   * the town passes each kind's (devices/catalog.ts), so a new kind never shifts the doorbells'.
   */
  register(input: { deviceId: string; homeId: string; kind: DeviceKind; firmware: string }, credentials: SeededRandom = this.random): DeviceRecord {
    if (this.byId.has(input.deviceId)) throw new Error(`device already registered: ${input.deviceId}`);
    if (!/^[a-z][a-z0-9-]*$/.test(input.kind)) throw new Error(`device kind must be a kebab-case catalogue name, got ${JSON.stringify(input.kind)}`);
    const record: DeviceRecord = { ...input, credential: this.secrets.hex(credentials, 16) };
    this.byId.set(record.deviceId, record);
    let list = this.byHome.get(record.homeId);
    if (!list) this.byHome.set(record.homeId, (list = []));
    list.push(record);
    return record;
  }

  get(deviceId: string): DeviceRecord | undefined {
    return this.byId.get(deviceId);
  }

  inHome(homeId: string): readonly DeviceRecord[] {
    return this.byHome.get(homeId) ?? [];
  }

  /** True when `credential` is this device's own secret (constant-time is moot in simulation). */
  checkCredential(deviceId: string, credential: string): boolean {
    const record = this.byId.get(deviceId);
    return record !== undefined && record.credential === credential;
  }

  get size(): number {
    return this.byId.size;
  }
}
