import fc from 'fast-check';

/**
 * MQTT subscription filters an owner could send, hostile ones included: wildcards in and out
 * of place, `$` topics, empty levels, Unicode, NUL, look-alike home ids, and valid
 * `homes/{own}/...` prefixes followed by anything.
 */
export function filterArb(ownHome: string, otherHome: string): fc.Arbitrary<string> {
  const level = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom('homes', ownHome, otherHome, 'devices', 'events', 'status', 'media', 'commands', 'cloud') },
    { weight: 4, arbitrary: fc.constantFrom('+', '#', '', '$SYS', '$', `${ownHome}+`, `+${ownHome}`, `${ownHome}#`, '+#', ' ', '🏠', 'é', '\u0000') },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
    { weight: 2, arbitrary: fc.constantFrom(`${ownHome}-d1`, `${ownHome}-d2`, `${otherHome}-d1`, `${otherHome}-d2`) },
  );
  const levels = fc.array(level, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('/'));
  // Filters shaped like the topic scheme (mostly the owner's own home), so that many granted
  // filters really match messages and delivery is checked, not only refusal.
  const pick = (usual: string[], rare: string[]) =>
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: fc.constantFrom(...rare) });
  const shaped = fc
    .tuple(
      pick(['homes'], ['+', '#']),
      pick([ownHome, ownHome, otherHome], ['+', '#']),
      pick(['devices'], ['+', '#']),
      pick([`${ownHome}-d1`, `${ownHome}-d2`, '+'], [`${otherHome}-d1`, '#']),
      pick(['events', 'status', 'media', 'commands', '+'], ['#']),
      fc.integer({ min: 1, max: 5 }),
    )
    .map(([a, b, c, d, e, n]) => [a, b, c, d, e].slice(0, n).join('/') + (n < 5 ? '/#' : ''));
  return fc.oneof(
    { weight: 10, arbitrary: shaped },
    { weight: 4, arbitrary: levels },
    { weight: 3, arbitrary: levels.map((rest) => `homes/${ownHome}/${rest}`) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '#',
        '+/#',
        'homes/#',
        'homes/+/#',
        `homes/${ownHome}`,
        `homes/${ownHome}/`,
        `homes/${ownHome}/#`,
        `homes/${otherHome}/#`,
        `homes/${ownHome}/devices/+/events`,
        `homes/${ownHome}/+/+/+`,
        '$SYS/#',
        '+/+/+/+/+',
      ),
    },
  );
}

/**
 * Reference MQTT 3.1.1 matching (§4.7): '+' is exactly one level (possibly empty), a final
 * '#' is the parent level and everything below it, and wildcards in the first level never
 * match topics that start with '$'. Only meaningful for well-formed filters.
 */
export function topicMatches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/** Independent oracle: the topic belongs to `homeId` (its root or anything below it). */
export function topicIsInHome(topic: string, homeId: string): boolean {
  return topic === `homes/${homeId}` || topic.startsWith(`homes/${homeId}/`);
}
