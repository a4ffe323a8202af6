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
 * `downMs` later, re-subscribed and with its status republished. A device also reboots
 * `rebootsPerDay` times a day (an orderly reboot: DISCONNECT first, so no last will; the
 * broker only sees it gone) and is back after a seeded boot time around `bootMs`. And the
 * broker itself can restart once, at `brokerRestartAtMinutes`: every device's connection is
 * dropped at that instant, without wills (a broker going down sends none), and each device
 * reconnects `brokerDownMs` later plus a seeded share of it (its retry backoff). Retained
 * messages survive the restart, as with Mosquitto's `persistence true`; the cloud's own
 * in-process clients (ingest) and owners' apps are not restarted.
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
  /** Mean orderly reboots per device per simulated day; exponential gaps. */
  rebootsPerDay: number;
  /** Mean boot time after a reboot, ms; each boot takes a seeded 0.5–1.5 × this. */
  bootMs: number;
  /** Minutes after the start at which the broker restarts once; undefined: never. */
  brokerRestartAtMinutes: number | undefined;
  /** How long the broker is down; each device is back after this plus a seeded 0–1 × this. */
  brokerDownMs: number;
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
/**
 * An assumption, not a measurement: a consumer camera or doorbell boots and re-associates in
 * tens of seconds to a minute or two; 45 s is the middle of that. Used only when rebootsPerDay > 0.
 */
export const DEFAULT_BOOT_MS = 45_000;
/** An assumption: a broker process restart (systemd restart, container reschedule) takes tens of seconds. */
export const DEFAULT_BROKER_DOWN_MS = 30_000;

export const wireFaultsSchema = z
  .object({
    lossRate: z.number().min(0).max(1).default(0),
    delayMs: z.number().int().min(0).max(MAX_DELAY_MS).default(0),
    jitterMs: z.number().int().min(0).max(MAX_DELAY_MS).default(0),
    dropsPerDay: z.number().min(0).max(MAX_DROPS_PER_DAY).default(0),
    downMs: z.number().int().min(1).max(MAX_DELAY_MS).default(DEFAULT_DOWN_MS),
    rebootsPerDay: z.number().min(0).max(MAX_DROPS_PER_DAY).default(0),
    bootMs: z.number().int().min(1).max(MAX_DELAY_MS).default(DEFAULT_BOOT_MS),
    brokerRestartAtMinutes: z.number().int().min(0).max(MAX_DELAY_MS / 60_000 * 365).optional(),
    brokerDownMs: z.number().int().min(1).max(MAX_DELAY_MS).default(DEFAULT_BROKER_DOWN_MS),
  })
  .strict();


export const NO_WIRE_FAULTS: WireFaults = {
  lossRate: 0,
  delayMs: 0,
  jitterMs: 0,
  dropsPerDay: 0,
  downMs: DEFAULT_DOWN_MS,
  rebootsPerDay: 0,
  bootMs: DEFAULT_BOOT_MS,
  brokerRestartAtMinutes: undefined,
  brokerDownMs: DEFAULT_BROKER_DOWN_MS,
};

export function anyWireFault(faults: WireFaults | undefined): faults is WireFaults {
  return (
    faults !== undefined &&
    (faults.lossRate > 0 || faults.delayMs > 0 || faults.jitterMs > 0 || faults.dropsPerDay > 0 || faults.rebootsPerDay > 0 || faults.brokerRestartAtMinutes !== undefined)
  );
}

/** Report keys: messages the faults took away, each way. */
/** Report keys: messages the faults took away each way, link drops, and minutes devices spent offline by them. */
export const FAULT_METRICS = ['faults.uplinkLost', 'faults.downlinkLost', 'faults.linkDrops', 'faults.deviceMinutesOffline', 'faults.reboots', 'faults.brokerRestartDrops'] as const;
