/**
 * The payload scan MQTTSA runs over what it eavesdrops ("e-mails, GPS and other personal
 * data"), by kind. Each kind is a pattern over one message (topic and payload); a message
 * counts once per kind it reveals. The simulated town carries no real person's data: these
 * are the simulator's own ids and timestamps, which in a real deployment are what the
 * eavesdropper learns about the people behind them.
 */
export const PERSONAL_DATA_KINDS = {
  /** Someone is at the door right now: a motion or ring event, time-stamped (presence, routines). */
  presence: (_topic: string, payload: string) => /"type":"(motion|ding)"/.test(payload),
  /** Which account acted on which home (an attested command's sender). */
  'account-id': (_topic: string, payload: string) => /"accountId":"[^"]+"/.test(payload),
  /** A video clip's id: enough to ask for it where clip access is not bound to the owner. */
  'clip-id': (_topic: string, payload: string) => /"clipId":"[^"]+"/.test(payload),
  /** Device inventory: firmware versions to match against known vulnerabilities. */
  firmware: (_topic: string, payload: string) => /"firmware":"[^"]+"/.test(payload),
  /** Anything that looks like an e-mail address (MQTTSA's first pattern). */
  email: (_topic: string, payload: string) => /[\w.+-]+@[\w-]+\.[\w.]+/.test(payload),
  /** Latitude/longitude pairs, as OwnTracks publishes (mqtt-pwn plots them). */
  location: (_topic: string, payload: string) => /"lat"\s*:\s*-?\d/.test(payload) && /"lon"\s*:\s*-?\d/.test(payload),
} as const;

export type PersonalDataKind = keyof typeof PERSONAL_DATA_KINDS;

export const PERSONAL_DATA_KIND_NAMES = Object.keys(PERSONAL_DATA_KINDS) as PersonalDataKind[];

/** The kinds one message reveals. */
export function personalDataIn(topic: string, payload: string): PersonalDataKind[] {
  return PERSONAL_DATA_KIND_NAMES.filter((kind) => PERSONAL_DATA_KINDS[kind](topic, payload));
}

/**
 * What the topic name alone tells an eavesdropper, whatever the payload (payload-encryption
 * hides payloads, not topics): a message on a device's `events` topic is a motion or a ring at
 * that door at that moment (presence), one on `media` a clip or a live view under way.
 */
export const TOPIC_METADATA_KINDS = {
  presence: (topic: string) => topic.endsWith('/events'),
  media: (topic: string) => topic.endsWith('/media'),
} as const;

export type TopicMetadataKind = keyof typeof TOPIC_METADATA_KINDS;

export const TOPIC_METADATA_KIND_NAMES = Object.keys(TOPIC_METADATA_KINDS) as TopicMetadataKind[];

/** The kinds one message's topic reveals, payload unread. */
export function topicMetadataIn(topic: string): TopicMetadataKind[] {
  return TOPIC_METADATA_KIND_NAMES.filter((kind) => TOPIC_METADATA_KINDS[kind](topic));
}
