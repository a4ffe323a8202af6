import { z } from 'zod';

/**
 * Faults on the wire between a device and the broker, as world parameters (`--set
 * faults.lossRate=0.05`), in the manner of TigerBeetle's VOPR: injected by the simulation
 * itself from seeded streams, so a faulty run replays exactly. Every fault is off (0) by
 * default, so every existing run and pinned hash stays as it was.
 *
 * Each message a device sends or receives is lost with probability `lossRate` (QoS 0 has no
 * retransmission: a lost message is gone, as on a lossy Wi-Fi hop) and otherwise arrives
 * `delayMs` plus a uniform 0..`jitterMs` later, so with jitter messages can overtake each
 * other. A device's link also drops `dropsPerDay` times a day on average (a Wi-Fi outage or a
 * reboot: the broker sees the device go offline, as its last will says) and comes back
 * `downMs` later, re-subscribed and with its status republished. Broker restarts are not
 * modelled yet (docs/mosquitto.md).
 */
export interface WireFaults {
  /** Chance that one message, in either direction, is lost. */
  lossRate: number;
  /** Fixed one-way delay added to every message, ms of simulated time. */
  delayMs: number;
  /** Extra one-way delay drawn uniformly from 0..jitterMs per message. */
  jitterMs: number;
  /** Mean link drops (outages, reboots) per device per simulated day; exponential gaps. */
  dropsPerDay: number;
  /** How long a dropped link stays down before the device is back, ms. */
  downMs: number;
}

/** A day: beyond that a "delay" is an outage, which is a different fault. */
const MAX_DELAY_MS = 86_400_000;

/**
 * An assumption, not a measurement: a minute is the order of a consumer Wi-Fi device's reboot
 * and re-association. Only used when dropsPerDay > 0; set it for the network being studied.
 */
export const DEFAULT_DOWN_MS = 60_000;
/** One drop a simulated minute: beyond that the device is never really up. */
const MAX_DROPS_PER_DAY = 1440;

export const wireFaultsSchema = z
  .object({
    lossRate: z.number().min(0).max(1).default(0),
    delayMs: z.number().int().min(0).max(MAX_DELAY_MS).default(0),
    jitterMs: z.number().int().min(0).max(MAX_DELAY_MS).default(0),
    dropsPerDay: z.number().min(0).max(MAX_DROPS_PER_DAY).default(0),
    downMs: z.number().int().min(1).max(MAX_DELAY_MS).default(DEFAULT_DOWN_MS),
  })
  .strict();


export const NO_WIRE_FAULTS: WireFaults = { lossRate: 0, delayMs: 0, jitterMs: 0, dropsPerDay: 0, downMs: DEFAULT_DOWN_MS };

export function anyWireFault(faults: WireFaults | undefined): faults is WireFaults {
  return faults !== undefined && (faults.lossRate > 0 || faults.delayMs > 0 || faults.jitterMs > 0 || faults.dropsPerDay > 0);
}

/** Report keys: messages the faults took away, each way. */
/** Report keys: messages the faults took away each way, link drops, and minutes devices spent offline by them. */
export const FAULT_METRICS = ['faults.uplinkLost', 'faults.downlinkLost', 'faults.linkDrops', 'faults.deviceMinutesOffline'] as const;
