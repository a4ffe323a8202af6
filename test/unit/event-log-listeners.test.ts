import { describe, expect, it } from 'vitest';
import { EventLog } from '../../simulator/core/event-log.js';

declare module '../../simulator/core/event-log.js' {
  interface EventTypes {
    'test.listened': { n: number };
    'test.unlistened': { n: number };
  }
}

/** subscribeTo listeners live on the type's record (one look-up per event); what callers see must not change. */
describe('EventLog.subscribeTo', () => {
  it('a type subscribed to before its first event is not counted until it happens', () => {
    const log = new EventLog(() => 0);
    log.subscribeTo('test.listened', () => {});
    log.emit('test.unlistened', { n: 1 });
    expect(log.countsByType()).toEqual({ 'test.unlistened': 1 });
    expect(log.count('test.listened')).toBe(0);
    log.emit('test.listened', { n: 2 });
    expect(log.countsByType()).toEqual({ 'test.listened': 1, 'test.unlistened': 1 });
  });

  it('delivers each event of its type to every listener in order, and stops after unsubscribing', () => {
    let t = 5;
    const log = new EventLog(() => t);
    const seen: string[] = [];
    const offA = log.subscribeTo('test.listened', (e) => seen.push(`a${e.n}@${e.t}.${e.seq}`));
    const offB = log.subscribeTo('test.listened', (e) => seen.push(`b${e.n}`));
    log.emit('test.listened', { n: 1 });
    log.emit('test.unlistened', { n: 9 });
    offA();
    offA(); // twice is harmless
    t = 6;
    log.emit('test.listened', { n: 2 });
    offB();
    log.emit('test.listened', { n: 3 });
    const offC = log.subscribeTo('test.listened', (e) => seen.push(`c${e.n}`));
    log.emit('test.listened', { n: 4 });
    offC();
    expect(seen).toEqual(['a1@5.0', 'b1', 'b2', 'c4']);
    expect(log.count('test.listened')).toBe(4);
  });
});
