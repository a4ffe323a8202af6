import { homeFilter } from '../broker/topics.js';
import { DAY_MS, formatDurationMs } from '../core/duration.js';
import type { LoginContinuation } from '../population/owner-login.js';
import type { Simulation } from '../runner/simulation.js';

/** One owner's broker login, as written to --credentials-file. */
export interface OwnerCredential {
  homeId: string;
  /** The owner's e-mail (the broker's user name for accounts). */
  username: string;
  /** A live session token from a real owner login. */
  password: string;
}

/** How many homes get credentials: enough for a class, few enough to keep the file readable. */
export const MAX_CREDENTIAL_HOMES = 20;

/** Where the watchers' logins come from, so the event log tells them from the owners' phones. */
const WATCHER_IP = '127.0.0.1';
const WATCHER_FINGERPRINT = 'serve-watcher';

/**
 * Logs the owners of the first homes in through the cloud's real login pipeline (actor
 * 'owner'), so each token is a live session the broker accepts like an app's. Always the
 * same homes whether or not a file is written: the logins draw on the world's session
 * generator, and the world must not depend on an output flag.
 */
export function loginWatchers(sim: Simulation, continueLogin?: LoginContinuation): OwnerCredential[] {
  const credentials: OwnerCredential[] = [];
  for (const home of sim.town.homes.slice(0, MAX_CREDENTIAL_HOMES)) {
    const first = sim.cloud.attemptLogin({ email: home.owner.email, password: home.password, ip: WATCHER_IP, clientFingerprint: WATCHER_FINGERPRINT, actor: 'owner' });
    // Under 2FA or a bot challenge the owner answers as their app would (the code, the challenge).
    const result = first.outcome === 'ok' || !continueLogin ? first : continueLogin(home, first, home.password);
    if (result.outcome !== 'ok' || !result.session) throw new Error(`serve: the owner of ${home.homeId} could not log in (${result.outcome})`);
    credentials.push({ homeId: home.homeId, username: home.owner.email, password: result.session.token });
  }
  return credentials;
}

/** The file's contents: a JSON array of { homeId, username, password }, one home a line. */
export function credentialsJson(credentials: readonly OwnerCredential[]): string {
  return `[\n${credentials.map((c) => `  ${JSON.stringify({ homeId: c.homeId, username: c.username, password: c.password })}`).join(',\n')}\n]\n`;
}

/** A shell-safe single-quoted word (tokens and e-mails are plain, but never trust that). */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9@._:\/-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The mosquitto_sub command line that watches one home with its owner's credentials. */
export function mosquittoSubCommand(host: string, port: number, credential: OwnerCredential): string {
  return [
    'mosquitto_sub',
    `-h ${shellQuote(host)}`,
    `-p ${port}`,
    '-V mqttv311', // aedes speaks MQTT 3.1.1 only
    '-i watcher-1', // any client id that is not a device id
    `-u ${shellQuote(credential.username)}`,
    `-P ${shellQuote(credential.password)}`,
    `-t '${homeFilter(credential.homeId)}'`,
    '-v',
  ].join(' ');
}

/** How long the tokens stay valid in wall time at this speed (sessions expire in virtual time). */
export function tokenLifetimeNote(sessionTtlMs: number, speed: number): string {
  const wallMs = Math.floor(sessionTtlMs / speed);
  const wall = wallMs >= 1000 ? formatDurationMs(wallMs - (wallMs % 1000)) : `${wallMs}ms`;
  const virtual = sessionTtlMs % DAY_MS === 0 ? `${sessionTtlMs / DAY_MS} days` : formatDurationMs(sessionTtlMs);
  return `tokens are sessions that expire after ${virtual} of simulated time: about ${wall} of wall time at --speed ${speed}`;
}
