/**
 * Small consecutive numbers for strings (client IPs), handed out in order of first sight.
 *
 * Why: every login attempt is checked by several stages keyed by the client's IP (bot
 * velocity, the IP rate limit, consecutive fails). Each of those used to keep a
 * Map<string, …>, and on this class of machine a lookup in a map of a hundred thousand
 * proxy addresses costs two or three cache misses (≈ 0.1 µs each) — more than the whole
 * password check. The pipeline now looks the address up here once per attempt, and the
 * stages keep their state in arrays indexed by the number (`LoginContext.ipId`).
 *
 * Ids are never reused: a stage that forgets an idle key (a sweep) clears its own slot.
 */
export class DenseIds {
  private readonly ids = new Map<string, number>();

  /** The id of `key`, assigning the next one on first sight. */
  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }

  /** The id of `key` if it has one (never assigns). */
  peek(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** Ids handed out so far (the next id). */
  get size(): number {
    return this.ids.size;
  }
}

/**
 * Grows `slots` with `fill` until `index` is inside it. Arrays indexed by a dense id are
 * filled in order, never written past their end, so V8 keeps them packed (a write far past
 * the end would turn one into a dictionary).
 */
export function reach<T>(slots: T[], index: number, fill: T): void {
  while (slots.length <= index) slots.push(fill);
}
