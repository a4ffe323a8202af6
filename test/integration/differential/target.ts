import type { ClientPool, ConnectAs } from '../helpers/mqtt-clients.js';

export type HomeName = 'A' | 'B';

/**
 * One broker under the differential test: aedes in-process (SimBroker with the tenant ACL)
 * or Debian's Mosquitto with the files `mosquitto-config` generates. The probes see only this.
 */
export interface BrokerTarget {
  readonly name: 'aedes' | 'mosquitto';
  readonly pool: ClientPool;
  /** The owner's app of a home: e-mail and a password the broker accepts (a session token on aedes). */
  owner(home: HomeName, clientId?: string): ConnectAs;
  /** Doorbell `index` of a home with its own credential, its id as client id unless given. */
  device(home: HomeName, index: 1 | 2, clientId?: string): ConnectAs;
  deviceId(home: HomeName, index: 1 | 2): string;
}

/** What one probe found: the isolation outcome (compared across brokers) and how the broker got there. */
export interface ProbeResult {
  /** e.g. 'isolated', 'leaked', 'refused', 'online': must be the same on both brokers. */
  outcome: string;
  /** SUBACK/CONNACK codes, disconnects: may differ, and the report lists where they do. */
  mechanism: string;
}

export interface Probe {
  readonly name: string;
  run(target: BrokerTarget): Promise<ProbeResult>;
}

export function topicOf(target: BrokerTarget, home: HomeName, index: 1 | 2, channel: 'events' | 'status' | 'media' | 'commands'): string {
  return `homes/${home}/devices/${target.deviceId(home, index)}/${channel}`;
}
