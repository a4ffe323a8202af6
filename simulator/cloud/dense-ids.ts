import { PairTable } from '../core/pair-table.js';

/**
 * Small consecutive numbers for client IPs, handed out in order of first sight.
 *
 * Why: every login attempt is checked by several stages keyed by the client's IP (bot
 * velocity, the IP rate limit, consecutive fails). Each of those used to keep a
 * Map<string, …>, and on this class of machine a lookup in a map of a hundred thousand
 * proxy addresses costs two or three cache misses (≈ 0.1 µs each) — more than the whole
 * password check. The pipeline now looks the address up here once per attempt, and the
 * stages keep their state in arrays indexed by the number (`LoginContext.ipId`).
 *
 * A dotted-quad IPv4 address in canonical form (no leading zeros, so one address has one
 * spelling and ids stay one per distinct string) is parsed to its 32-bit value and found
 * in the typed open-addressing table (its two 16-bit halves as the key pair): no string
 * hashing, no string comparison, one probe that is usually one cache miss. Anything else
 * (IPv6, a name) goes to a Map. Ids are never reused: a stage that forgets an idle key (a
 * sweep) clears its own slot.
 */
export class DenseIds {
  private readonly others = new Map<string, number>();
  private readonly addresses = new PairTable();
  private next = 0;

  /** The id of `key`, assigning the next one on first sight. */
  idOf(key: string): number {
    const address = parseIpv4(key);
    if (address < 0) {
      let id = this.others.get(key);
      if (id === undefined) this.others.set(key, (id = this.next++));
      return id;
    }
    const high = address >>> 16;
    const low = address & 0xffff;
    const id = this.addresses.get(high, low);
    if (id !== undefined) return id;
    this.addresses.set(high, low, this.next);
    return this.next++;
  }

  /** Ids handed out so far (the next id). */
  get size(): number {
    return this.next;
  }
}

/** The 32-bit value of a canonical dotted-quad IPv4 address ("45.0.1.2"), or -1 for anything else. */
export function parseIpv4(text: string): number {
  const length = text.length;
  if (length < 7 || length > 15) return -1;
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else {
      const d = c - 48;
      if (d < 0 || d > 9 || (digits === 1 && part === 0)) return -1; // not a digit, or a leading zero
      part = part * 10 + d;
      if (part > 255) return -1;
      digits++;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + part;
}

/**
 * Grows `slots` with `fill` until `index` is inside it. Arrays indexed by a dense id are
 * filled in order, never written past their end, so V8 keeps them packed (a write far past
 * the end would turn one into a dictionary).
 */
export function reach<T>(slots: T[], index: number, fill: T): void {
  while (slots.length <= index) slots.push(fill);
}
