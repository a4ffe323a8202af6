import type { KeyMemo } from './json-line-writer.js';

/** Builds the logged event `{ t, seq, type, ...fields }` for one list of field keys. */
export type EventFactory = (t: number, seq: number, type: string, fields: object) => object;

/**
 * Event objects for listeners, one compiled factory per event type and key list.
 *
 * Why code generation: the log hands every metrics handler `{ t, seq, type, ...fields }`, and
 * a spread after leading members is copied key by key through the runtime (about 160 ns an
 * event here, ×1.85 M login events in the flagship run), while an object literal with its
 * keys written out is built from a boilerplate in a few ns. The keys are known only at run
 * time, so the literal is compiled once per key list. Keys are written quoted (`__proto__` as
 * a computed name, which defines an own property as a spread does) and values are read in key
 * order, so the result equals the spread member for member, getters included. Where code
 * generation is disallowed (`--disallow-code-generation-from-strings`), the spread itself is
 * used: slower, the same events (test/cli/run-determinism.test.ts).
 */
export class EventFactories {
  private make: EventFactory | undefined;
  private version = -1;
  private count = -1;

  /** The factory for `memo.keys[0 .. count)`, compiled again only when that list changed. */
  forKeys(memo: KeyMemo, count: number): EventFactory {
    if (this.make === undefined || memo.version !== this.version || count !== this.count) {
      this.make = compile(memo.keys.slice(0, count));
      this.version = memo.version;
      this.count = count;
    }
    return this.make;
  }
}

/** The plain spread: where code generation is disallowed (`node --disallow-code-generation-from-strings`). */
const spread: EventFactory = (t, seq, type, fields) => ({ t, seq, type, ...fields });

function compile(keys: readonly string[]): EventFactory {
  const members = keys.map((key) => {
    const name = JSON.stringify(key);
    return key === '__proto__' ? `[${name}]: f[${name}]` : `${name}: f[${name}]`;
  });
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see the class comment: keys come from event field names, quoted by JSON.stringify.
    return new Function('t', 'seq', 'type', 'f', `return { t, seq, type, ${members.join(', ')} };`) as EventFactory;
  } catch (error) {
    if (error instanceof EvalError) return spread;
    throw error;
  }
}
