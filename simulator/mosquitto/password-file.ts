import { pbkdf2Sync, randomBytes } from 'node:crypto';

/**
 * Mosquitto's password file format, written in-process instead of by `mosquitto_passwd -b`
 * (which would put every password on a command line). Mosquitto 2.0 reads
 * `user:$7$<iterations>$<base64 12-byte salt>$<base64 64-byte PBKDF2-HMAC-SHA512 hash>`
 * (src/security_default.c, unpwd__decode_passwords and pw__digest; `$6$` is the older
 * single SHA-512 round, which we never write).
 */
export const PBKDF2_SHA512_TAG = '7';
/** mosquitto_passwd's own default iteration count (Mosquitto 2.0, `-I` to change it). */
export const DEFAULT_ITERATIONS = 101;
/** The salt length Mosquitto accepts: any other length and it drops the entry. */
export const SALT_BYTES = 12;
const HASH_BYTES = 64;

/** Characters that would break the file's `user:hash` line or Mosquitto's parsing of it. */
const UNSAFE_USERNAME = /[:\s]|^#/;

export function passwordLine(username: string, password: string, salt: Buffer = randomBytes(SALT_BYTES), iterations = DEFAULT_ITERATIONS): string {
  if (username === '' || UNSAFE_USERNAME.test(username)) throw new RangeError(`mosquitto user name ${JSON.stringify(username)} is empty or has a colon, a space or a leading #`);
  if (salt.length !== SALT_BYTES) throw new RangeError(`salt must be ${SALT_BYTES} bytes, got ${salt.length}`);
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`iterations must be a whole number >= 1, got ${iterations}`);
  const hash = pbkdf2Sync(password, salt, iterations, HASH_BYTES, 'sha512');
  return `${username}:$${PBKDF2_SHA512_TAG}$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** True when `password` is the one hashed in a `$7$` line (for tests and for checking a file). */
export function verifyPasswordLine(line: string, password: string): boolean {
  const match = /^([^:]+):\$7\$(\d+)\$([^$]+)\$[^$]+$/.exec(line.trim());
  if (!match) return false;
  const [, username, iterations, salt] = match;
  const saltBytes = Buffer.from(salt!, 'base64');
  return saltBytes.length === SALT_BYTES && passwordLine(username!, password, saltBytes, Number(iterations)) === line.trim();
}

export function passwordFile(entries: ReadonlyArray<{ username: string; password: string }>): string {
  return `${entries.map((e) => passwordLine(e.username, e.password)).join('\n')}\n`;
}
