/**
 * The metrics a sweep table shows, in order, with how to print them. Every name is a
 * stable report key documented in docs/scenarios.md ("Metrics"); the JSON and CSV carry
 * every metric, the table only these.
 */
export type MetricFormat = 'count' | 'percent' | 'seconds' | 'ratio';

export interface TableMetric {
  readonly name: string;
  readonly label: string;
  readonly format: MetricFormat;
}

export const SWEEP_TABLE_METRICS: readonly TableMetric[] = [
  { name: 'attack.attempts', label: 'attack attempts', format: 'count' },
  { name: 'attack.successRate', label: 'valid credentials per attempt', format: 'percent' },
  { name: 'attack.validCredentials', label: 'valid credentials found', format: 'count' },
  { name: 'attack.takeovers', label: 'accounts taken over', format: 'count' },
  { name: 'devices.hijacked', label: 'devices hijacked', format: 'count' },
  { name: 'video.exposedSeconds', label: 'video exposed (s)', format: 'count' },
  { name: 'speaker.attackerMessages', label: 'speaker messages', format: 'count' },
  { name: 'attack.timeToFirstTakeoverSeconds', label: 'time to first takeover (s)', format: 'seconds' },
  { name: 'attack.attemptsPerTakeover', label: 'attempts per takeover', format: 'ratio' },
  { name: 'attack.dwellMeanSeconds', label: 'mean dwell (s)', format: 'seconds' },
  { name: 'owners.loginsBlocked', label: 'owner logins blocked', format: 'count' },
  { name: 'owners.lockedOut', label: 'owners locked out', format: 'count' },
  { name: 'owners.extraPrompts', label: 'extra prompts to owners', format: 'count' },
  { name: 'detections', label: 'detections', format: 'count' },
  // Staff and insiders (issue 14): shown only for scenarios that report them.
  { name: 'staff.illegitimateViews', label: 'clips seen without need', format: 'count' },
  { name: 'staff.sensitiveViews', label: 'of them private rooms', format: 'count' },
  { name: 'staff.customersExposed', label: 'customers exposed', format: 'count' },
  { name: 'staff.plaintextViews', label: 'clips staff saw in plaintext', format: 'count' },
  { name: 'staff.detections', label: 'insider alerts', format: 'count' },
  { name: 'staff.timeToDetectionSeconds', label: 'time to detection (s)', format: 'seconds' },
  { name: 'staff.timeToContainmentSeconds', label: 'time to containment (s)', format: 'seconds' },
  { name: 'staff.viewsBeforeDetection', label: 'clips seen before detection', format: 'count' },
  { name: 'staff.ticketsResolvedShare', label: 'tickets resolved', format: 'percent' },
  { name: 'staff.ticketDelayHoursMean', label: 'ticket delay (h)', format: 'ratio' },
  { name: 'staff.annotationJobsDone', label: 'annotation jobs done', format: 'count' },
  { name: 'staff.legitimateRefused', label: 'legitimate requests refused', format: 'count' },
  { name: 'staff.e2eeFeaturesLost', label: 'features lost (e2ee)', format: 'count' },
  // The data lifecycle (docs/data-lifecycle.md, "Metrics"); rows show only where a run has them.
  { name: 'data.residualShare', label: 'share of requested data left', format: 'percent' },
  { name: 'data.residualItems', label: 'items left after requests', format: 'count' },
  { name: 'data.deletionCompleteSeconds', label: 'time to complete deletion (s)', format: 'seconds' },
  { name: 'children.inactiveProfilesHeld', label: 'inactive child profiles held', format: 'count' },
  { name: 'models.taintedServing', label: 'tainted models serving', format: 'count' },
  { name: 'models.trainingItemsLost', label: 'training items lost', format: 'count' },
  // Attacks on the wire (scenarios/wire/, docs/wire-attacks.md).
  { name: 'mqtt.credentialsFound', label: 'MQTT credentials found', format: 'count' },
  { name: 'mqtt.messagesEavesdropped', label: 'messages eavesdropped', format: 'count' },
  { name: 'mqtt.personalDataLeaked', label: 'personal-data items leaked', format: 'count' },
  { name: 'mqtt.homesExposed', label: 'homes exposed on the wire', format: 'count' },
  { name: 'mqtt.forgedEventsAccepted', label: 'forged events accepted', format: 'count' },
  { name: 'mqtt.replaysAccepted', label: 'replays accepted', format: 'count' },
  // command-replay and the two payload defences (docs/wire-attacks.md, "Command replay", "Payload encryption").
  { name: 'mqtt.commandsCaptured', label: 'commands captured', format: 'count' },
  { name: 'mqtt.replaysRejected', label: 'replays refused by devices', format: 'count' },
  { name: 'mqtt.honestCommandsRejected', label: 'owner commands refused (cost)', format: 'count' },
  { name: 'mqtt.topicMetadataLeaked', label: 'messages whose topic leaks activity', format: 'count' },
  { name: 'mqtt.deviceMinutesOffline', label: 'device-minutes offline', format: 'count' },
  // Broker bounds (simulator/defenses/broker-bounds.ts): what broker-dos and mqtt-recon got past them.
  { name: 'mqtt.dosConnectionsOpened', label: 'flood connections opened', format: 'count' },
  { name: 'mqtt.slowConnectionsHeld', label: 'slow (SlowITe) connections held', format: 'count' },
  // max-keepalive (simulator/defenses/max-keepalive.ts): whole CONNECTs, then silence.
  { name: 'mqtt.idleConnectionsHeld', label: 'idle (keepalive) connections held', format: 'count' },
  { name: 'mqtt.oversizeBytesBuffered', label: 'oversize bytes buffered by the broker', format: 'count' },
  { name: 'mqtt.sysSubscriptionsGranted', label: '$SYS subscriptions granted', format: 'count' },
];

/** A number for a table cell: thousands separators, few decimals, percentages as %. */
export function formatValue(value: number, format: MetricFormat): string {
  if (format === 'percent') return `${(value * 100).toFixed(2)}%`;
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });
}
