/**
 * The campaign's pending login requests (retries after a solved challenge, re-logins for a
 * fresh second-factor ticket), first in first out, column by column in a ring.
 *
 * Why columns, not an object per request: in the flagship run nearly every request is
 * challenged and retried once the solver answers (17.5 virtual seconds later), so a retry
 * object was made per request and — waiting across bursts — often lived long enough for the
 * garbage collector to copy it. The columns are reused; only the strings, which already
 * exist, are referenced. Items of one queue share one delay, so they arrive in due order
 * and popping from the head keeps them sorted (O(1) push and pop, no heap).
 */
export class RetryQueue {
  private capacity = 256;
  private dueMs = new Float64Array(this.capacity);
  private emails: string[] = new Array<string>(this.capacity).fill('');
  private passwords: string[] = new Array<string>(this.capacity).fill('');
  private ips: string[] = new Array<string>(this.capacity).fill('');
  private fingerprints: string[] = new Array<string>(this.capacity).fill('');
  /** '' for none (a pass token is never empty). */
  private passes: string[] = new Array<string>(this.capacity).fill('');
  private head = 0;
  size = 0;

  /** The popped item's fields, valid until the next `pop`. */
  email = '';
  password = '';
  ip = '';
  fingerprint = '';
  challengePass: string | undefined = undefined;

  push(dueMs: number, email: string, password: string, ip: string, fingerprint: string, challengePass?: string): void {
    if (this.size === this.capacity) this.grow();
    const at = (this.head + this.size) & (this.capacity - 1);
    this.dueMs[at] = dueMs;
    this.emails[at] = email;
    this.passwords[at] = password;
    this.ips[at] = ip;
    this.fingerprints[at] = fingerprint;
    this.passes[at] = challengePass ?? '';
    this.size++;
  }

  /** Takes the next item due at or before `nowMs` into the fields above; false if none is due. */
  popDue(nowMs: number): boolean {
    if (this.size === 0) return false;
    const at = this.head;
    if (this.dueMs[at]! > nowMs) return false;
    this.email = this.emails[at]!;
    this.password = this.passwords[at]!;
    this.ip = this.ips[at]!;
    this.fingerprint = this.fingerprints[at]!;
    const pass = this.passes[at]!;
    this.challengePass = pass === '' ? undefined : pass;
    // Drop the references so popped strings can be collected.
    this.emails[at] = this.passwords[at] = this.ips[at] = this.fingerprints[at] = this.passes[at] = '';
    this.head = (at + 1) & (this.capacity - 1);
    this.size--;
    return true;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const dueMs = new Float64Array(capacity);
    const columns = [this.emails, this.passwords, this.ips, this.fingerprints, this.passes].map(() => new Array<string>(capacity).fill(''));
    for (let k = 0; k < this.size; k++) {
      const from = (this.head + k) & (this.capacity - 1);
      dueMs[k] = this.dueMs[from]!;
      columns[0]![k] = this.emails[from]!;
      columns[1]![k] = this.passwords[from]!;
      columns[2]![k] = this.ips[from]!;
      columns[3]![k] = this.fingerprints[from]!;
      columns[4]![k] = this.passes[from]!;
    }
    [this.emails, this.passwords, this.ips, this.fingerprints, this.passes] = columns as [string[], string[], string[], string[], string[]];
    this.dueMs = dueMs;
    this.capacity = capacity;
    this.head = 0;
  }
}
