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
 * in a typed open-addressing table whose slots hold the address and its id side by side
 * (AddressTable below): no string hashing, no string comparison, one probe that is usually
 * one cache miss (a pair table keeps keys and values in three arrays, three misses). Anything else
 * (IPv6, a name) goes to a Map. Ids are never reused: a stage that forgets an idle key (a
 * sweep) clears its own slot.
 */
export class DenseIds {
  private readonly others = new Map<string, number>();
  private readonly addresses = new AddressTable();
  private next = 0;

  /** The id of `key`, assigning the next one on first sight. */
  idOf(key: string): number {
    const address = parseIpv4(key);
    if (address < 0) {
      let id = this.others.get(key);
      if (id === undefined) this.others.set(key, (id = this.next++));
      return id;
    }
    const id = this.addresses.get(address);
    if (id >= 0) return id;
    this.addresses.add(address, this.next);
    return this.next++;
  }

  /** Ids handed out so far (the next id). */
  get size(): number {
    return this.next;
  }
}

const MIN_ADDRESS_BITS = 10;

/**
 * 32-bit address → id, linear probing in one Int32Array of (address, id + 1) slots; 0 in the
 * id half marks an empty slot (every 32-bit value is an address, so the key cannot mark it).
 * Kept at most half full; ids are never removed.
 */
class AddressTable {
  private bits = MIN_ADDRESS_BITS;
  private slots = new Int32Array(2 << MIN_ADDRESS_BITS);
  private size = 0;

  /** The id of `address` (0 … 2³² − 1), or −1. */
  get(address: number): number {
    const key = address | 0;
    const slots = this.slots;
    const mask = (1 << this.bits) - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; slot = (slot + 1) & mask) {
      const held = slots[2 * slot + 1]!;
      if (held === 0) return -1;
      if (slots[2 * slot] === key) return held - 1;
    }
  }

  /** Adds an address known to be absent. */
  add(address: number, id: number): void {
    if (2 * (this.size + 1) > 1 << this.bits) this.grow();
    this.place(this.slots, this.bits, address | 0, id + 1);
    this.size++;
  }

  private place(slots: Int32Array, bits: number, key: number, held: number): void {
    const mask = (1 << bits) - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> (32 - bits);
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = key;
    slots[2 * slot + 1] = held;
  }

  private grow(): void {
    const old = this.slots;
    const bits = this.bits + 1;
    const slots = new Int32Array(2 << bits);
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(slots, bits, old[i]!, old[i + 1]!);
    this.slots = slots;
    this.bits = bits;
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
