/**
 * The topic scheme (DESIGN.md): homes/{homeId}/devices/{deviceId}/{channel}.
 * Devices publish events, status and media; they receive commands. Staff and cloud services
 * use cloud/...; nothing else exists.
 */
export const DEVICE_CHANNELS = ['events', 'status', 'media', 'commands'] as const;
export type DeviceChannel = (typeof DEVICE_CHANNELS)[number];

/** Channels a device itself publishes on (commands flow the other way). */
export const DEVICE_PUBLISH_CHANNELS: readonly DeviceChannel[] = ['events', 'status', 'media'];

export function deviceTopic(homeId: string, deviceId: string, channel: DeviceChannel): string {
  return `homes/${homeId}/devices/${deviceId}/${channel}`;
}

export function homeFilter(homeId: string): string {
  return `homes/${homeId}/#`;
}

export interface ParsedDeviceTopic {
  homeId: string;
  deviceId: string;
  channel: DeviceChannel;
}

const DEVICES_LEVEL = '/devices/';

/**
 * Parses a concrete device topic; undefined for anything that is not exactly one. Written
 * with indexOf rather than split: it runs for every message the broker carries.
 */
export function parseDeviceTopic(topic: string): ParsedDeviceTopic | undefined {
  if (!topic.startsWith('homes/')) return undefined;
  const homeEnd = topic.indexOf('/', 6);
  if (homeEnd < 0 || !topic.startsWith(DEVICES_LEVEL, homeEnd)) return undefined;
  const deviceStart = homeEnd + DEVICES_LEVEL.length;
  const deviceEnd = topic.indexOf('/', deviceStart);
  if (deviceEnd < 0) return undefined;
  const homeId = topic.slice(6, homeEnd);
  const deviceId = topic.slice(deviceStart, deviceEnd);
  const channel = topic.slice(deviceEnd + 1);
  if (!isPlainLevel(homeId) || !isPlainLevel(deviceId)) return undefined;
  if (!(DEVICE_CHANNELS as readonly string[]).includes(channel)) return undefined;
  return { homeId, deviceId, channel: channel as DeviceChannel };
}

const parsedTopics = new Map<string, ParsedDeviceTopic | null>();
/** Bound on the cache; past it the cache starts over (a hostile client may invent topics). */
const MAX_PARSED_TOPICS = 200_000;

/**
 * parseDeviceTopic, remembered per topic string: the broker, its traffic counter and the
 * cloud's ingest read the same few topics per device hundreds of times a day. The result is
 * shared: callers must not change it.
 */
export function parseDeviceTopicCached(topic: string): Readonly<ParsedDeviceTopic> | undefined {
  let parsed = parsedTopics.get(topic);
  if (parsed === undefined) {
    parsed = parseDeviceTopic(topic) ?? null;
    if (parsedTopics.size >= MAX_PARSED_TOPICS) parsedTopics.clear();
    parsedTopics.set(topic, parsed);
  }
  return parsed ?? undefined;
}

/** A level that names one thing: non-empty and free of wildcards. */
export function isPlainLevel(level: string): boolean {
  return level.length > 0 && !level.includes('+') && !level.includes('#');
}

/**
 * True when every topic `filter` can match lies inside homes/{homeId}/ (or is that exact
 * home root). Wildcards that could cross tenants are refused, never narrowed (DESIGN.md).
 */
export function filterStaysInHome(filter: string, homeId: string): boolean {
  const parts = filter.split('/');
  if (parts[0] !== 'homes' || parts.length < 2 || parts[1] !== homeId) return false;
  // The MQTT rule: '#' only as the whole last level, '+' only as a whole level.
  for (let i = 0; i < parts.length; i++) {
    const level = parts[i]!;
    if (level.includes('#') && (level !== '#' || i !== parts.length - 1)) return false;
    if (level.includes('+') && level !== '+') return false;
  }
  return true;
}

/** True when the concrete `topic` belongs to home `homeId`. */
export function topicInHome(topic: string, homeId: string): boolean {
  return topic.startsWith(`homes/${homeId}/`) || topic === `homes/${homeId}`;
}

/** The home a concrete topic belongs to, if it is a home topic. */
export function homeOfTopic(topic: string): string | undefined {
  if (!topic.startsWith('homes/')) return undefined;
  const end = topic.indexOf('/', 6);
  const homeId = end === -1 ? topic.slice(6) : topic.slice(6, end);
  return isPlainLevel(homeId) ? homeId : undefined;
}

/** The home a filter is confined to when its first two levels are literal (homes/{id}/...). */
export function homeOfFilter(filter: string): string | undefined {
  const home = homeOfTopic(filter);
  return home !== undefined && !filter.startsWith('homes/+') ? home : undefined;
}

/**
 * True when the concrete `topic` matches the filter's levels, by the MQTT 3.1.1 rules: '+' is
 * one level (possibly empty), a final '#' is that level's parent and everything below it, and
 * a filter starting with a wildcard never matches a '$' topic (MQTT-4.7.2-1). Walks the topic
 * with indexOf instead of splitting it: it runs for every route of every message.
 */
export function levelsMatch(filterLevels: readonly string[], topic: string): boolean {
  const first = filterLevels[0];
  if ((first === '+' || first === '#') && topic.charCodeAt(0) === 36 /* $ */) return false;
  let start = 0; // where the topic's current level begins; -1 once the topic is used up
  for (let i = 0; i < filterLevels.length; i++) {
    const level = filterLevels[i]!;
    if (level === '#') return true;
    if (start < 0) return false;
    const slash = topic.indexOf('/', start);
    const end = slash < 0 ? topic.length : slash;
    if (level !== '+' && (level.length !== end - start || !topic.startsWith(level, start))) return false;
    start = slash < 0 ? -1 : slash + 1;
  }
  return start < 0;
}
