import type { LoggedEvent } from '../simulator/core/event-log.js';
import { MINUTE_MS } from '../simulator/core/duration.js';
import type {} from '../simulator/defenses/toggle.js'; // its event type, demo.defense-toggled

/**
 * The classroom's lessons as data (the model: OWASP Juice Shop's challenge catalogue, with
 * difficulty stars and progressive hints). Each names the scenario it runs on, the defence
 * it teaches and a mitigation with its source, and says when it is done by a predicate over
 * the simulator's own events, so a lesson completes on a replay exactly as it did live.
 */

export type LessonCategory = 'credential attacks' | 'account protection' | 'cost to owners' | 'real tools';

export interface Lesson {
  readonly key: string;
  readonly title: string;
  readonly category: LessonCategory;
  /** 1 (first lesson of the day) to 5. */
  readonly difficulty: 1 | 2 | 3 | 4 | 5;
  readonly goal: string;
  /** The scenario the page loads for it. */
  readonly scenario: string;
  readonly defense: string;
  /** What to do, step by step; each step's hints from gentle to give-away. */
  readonly steps: ReadonlyArray<{ readonly text: string; readonly hints: readonly string[] }>;
  readonly mitigation: { readonly text: string; readonly source: string };
  /** Done on these events (in log order)? */
  complete(events: readonly LoggedEvent[]): boolean;
}

type Login = LoggedEvent<'cloud.login'>;
const logins = (events: readonly LoggedEvent[]) => events.filter((e): e is Login => e.type === 'cloud.login');
const hostileOk = (e: Login) => e.actor === 'attacker' && e.outcome === 'ok';
type Toggle = LoggedEvent<'demo.defense-toggled'>;
const toggledOn = (events: readonly LoggedEvent[], name: string) =>
  events.find((e): e is Toggle => e.type === 'demo.defense-toggled' && (e as Toggle).name === name && (e as Toggle).on);

/** Virtual time a defence gets to take effect after it is switched on. */
export const EFFECT_WINDOW_MS = 10 * MINUTE_MS;
/** How long after that window the lesson watches for takeovers to confirm they stopped. */
export const CONFIRM_WINDOW_MS = 30 * MINUTE_MS;

/**
 * Takeovers happened before `name` was switched on, none from EFFECT_WINDOW_MS after it, and
 * the attacker kept trying for CONFIRM_WINDOW_MS more (so "none" means stopped, not over).
 */
function stopsTakeovers(events: readonly LoggedEvent[], name: string): boolean {
  const on = toggledOn(events, name);
  if (!on) return false;
  const all = logins(events);
  const settled = on.t + EFFECT_WINDOW_MS;
  const before = all.some((e) => hostileOk(e) && e.t < on.t);
  const after = all.some((e) => hostileOk(e) && e.t >= settled);
  const stillTrying = all.some((e) => e.actor === 'attacker' && e.t >= settled + CONFIRM_WINDOW_MS);
  return before && !after && stillTrying;
}

const countWhere = (events: readonly LoggedEvent[], test: (e: Login) => boolean) => logins(events).filter(test).length;

export const LESSONS: readonly Lesson[] = [
  {
    key: 'stuffing-takes-homes',
    title: 'Credential stuffing takes over homes',
    category: 'credential attacks',
    difficulty: 1,
    goal: 'See a breached, reused password open a stranger\u2019s doorbell.',
    scenario: 'credential-stuffing',
    defense: 'none',
    steps: [{ text: 'Start the credential-stuffing attack with no defences and watch the takeover counter.', hints: ['The attack panel lists every scenario.', 'Pick credential-stuffing, defences "none", and press Start.'] }],
    mitigation: { text: 'Screen passwords against breach corpora and offer a second factor.', source: 'NIST SP 800-63B §5.1.1.2' },
    complete: (events) => logins(events).some(hostileOk),
  },
  {
    key: 'mfa-stops-stuffing',
    title: 'Turn on 2FA in the middle of an attack',
    category: 'account protection',
    difficulty: 2,
    goal: `Takeovers stop rising within ${EFFECT_WINDOW_MS / MINUTE_MS} simulated minutes of making 2FA mandatory.`,
    scenario: 'credential-stuffing',
    defense: '2fa-mandatory',
    steps: [
      { text: 'Let the stuffing attack take a few homes.', hints: ['Wait for the takeover counter to pass 1.'] },
      { text: 'Switch on 2fa-mandatory while the attack runs.', hints: ['The defence toggles are beside the attack panel.', 'Tick 2fa-mandatory.'] },
    ],
    mitigation: { text: 'Require a second factor for every account; a stolen password alone no longer logs in.', source: 'NIST SP 800-63B §4.2 (AAL2); CISA "More than a password"' },
    complete: (events) => stopsTakeovers(events, '2fa-mandatory'),
  },
  {
    key: 'ip-limit-vs-stuffing',
    title: 'Per-IP rate limits against a botnet',
    category: 'credential attacks',
    difficulty: 2,
    goal: 'See the per-IP limit refuse attempts, and count how many still get through from fresh addresses.',
    scenario: 'credential-stuffing',
    defense: 'rate-limit-ip',
    steps: [{ text: 'Switch on rate-limit-ip during the stuffing attack.', hints: ['Watch the attempts chart: does it drop to zero?', 'Stuffing spreads over many IPs: each stays under the limit.'] }],
    mitigation: { text: 'Rate-limit by account and client too, not by IP alone.', source: 'OWASP Credential Stuffing Prevention Cheat Sheet' },
    complete: (events) => countWhere(events, (e) => e.actor === 'attacker' && e.stage === 'rate-limit-ip' && e.outcome === 'denied') >= 1,
  },
  {
    key: 'lockout-hurts-owners',
    title: 'Why lockout hurts owners under password spraying',
    category: 'cost to owners',
    difficulty: 3,
    goal: 'Find an owner locked out of their own account by someone else\u2019s guesses.',
    scenario: 'password-spraying',
    defense: 'lockout',
    steps: [{ text: 'Run password-spraying with lockout on.', hints: ['Owners log in as usual during the attack.', 'Look for owner logins refused at stage "lockout".'] }],
    mitigation: { text: 'Throttle with growing delays instead of hard lockout.', source: 'NIST SP 800-63B §5.2.2; OWASP Authentication Cheat Sheet' },
    complete: (events) => countWhere(events, (e) => e.actor === 'owner' && e.stage === 'lockout' && e.outcome === 'denied') >= 1,
  },
  {
    key: 'mfa-costs-prompts',
    title: '2FA\u2019s cost in prompts',
    category: 'cost to owners',
    difficulty: 2,
    goal: 'Count the extra prompts owners answer once 2FA is mandatory.',
    scenario: 'baseline',
    defense: '2fa-mandatory',
    steps: [{ text: 'Switch on 2fa-mandatory on a normal day and watch owners\u2019 logins.', hints: ['Each owner login now asks for a code.'] }],
    mitigation: { text: 'Remember trusted devices so owners are asked rarely.', source: 'NIST SP 800-63B §7.1 (reauthentication)' },
    complete: (events) => countWhere(events, (e) => e.actor === 'owner' && e.outcome === 'second-factor-required') >= 5,
  },
  {
    key: 'otp-guessing',
    title: 'Guessing one-time codes',
    category: 'account protection',
    difficulty: 4,
    goal: 'See an attacker with the right password guess codes, and the ticket voided after too many wrong ones.',
    scenario: 'brute-force',
    defense: '2fa-mandatory',
    steps: [{ text: 'Run brute-force with 2fa-mandatory.', hints: ['Watch second-factor answers with reason wrong-code.', 'The ticket is voided after a few wrong codes.'] }],
    mitigation: { text: 'Limit wrong codes per ticket and per account.', source: 'NIST SP 800-63B §5.2.2' },
    complete: (events) => countWhere(events, (e) => e.actor === 'attacker' && e.reason === 'too-many-wrong-codes') >= 1,
  },
  {
    key: 'bot-challenge',
    title: 'A bot challenge',
    category: 'credential attacks',
    difficulty: 3,
    goal: 'See logins from a scripted client answered with a challenge instead of a verdict.',
    scenario: 'credential-stuffing',
    defense: 'bot-detection',
    steps: [{ text: 'Switch on bot-detection during the stuffing attack.', hints: ['Look for outcome "challenge" in the feed.'] }],
    mitigation: { text: 'Challenge clients that look automated before checking the password.', source: 'OWASP Automated Threats OAT-008 (credential stuffing)' },
    complete: (events) => countWhere(events, (e) => e.actor === 'attacker' && e.outcome === 'challenge') >= 1,
  },
  {
    key: 'breached-password-reset',
    title: 'Breached passwords must be reset',
    category: 'account protection',
    difficulty: 3,
    goal: 'See a login with a known-breached password end in a forced reset.',
    scenario: 'credential-stuffing',
    defense: 'breached-password',
    steps: [{ text: 'Switch on breached-password during the stuffing attack.', hints: ['Outcome "password-reset-required" is what it answers.'] }],
    mitigation: { text: 'Compare passwords with breach corpora at login and sign-up.', source: 'NIST SP 800-63B §5.1.1.2' },
    complete: (events) => countWhere(events, (e) => e.outcome === 'password-reset-required') >= 1,
  },
  {
    key: 'hydra-meets-limits',
    title: 'Aim a real tool at the login API',
    category: 'real tools',
    difficulty: 4,
    goal: 'Send logins to POST /api/login with curl or hydra and get refused by the per-IP limit.',
    scenario: 'baseline',
    defense: 'rate-limit-ip',
    steps: [
      { text: 'Switch on rate-limit-ip, then send logins with curl.', hints: ['curl -s -X POST -H "content-type: application/json" -d \'{"email":"x@example.test","password":"123456"}\' http://127.0.0.1:PORT/api/login'] },
      { text: 'Send many quickly (hydra, or curl in a loop).', hints: ['hydra -l x@example.test -P words.txt -s PORT 127.0.0.1 http-post-form "/api/login:..."', 'Your address is the client IP the limit counts.'] },
    ],
    mitigation: { text: 'Limit attempts per client address at the edge.', source: 'OWASP ASVS 4.0.3 §2.2.1' },
    complete: (events) => countWhere(events, (e) => e.ip === '127.0.0.1' && e.actor === 'attacker' && e.stage === 'rate-limit-ip' && e.outcome === 'denied') >= 1,
  },
];

export function lessonByKey(key: string): Lesson | undefined {
  return LESSONS.find((l) => l.key === key);
}
