import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SilenceWatch } from '../../../simulator/broker/silence-watch.js';
import { World } from '../../../simulator/core/world.js';

/** The silence bound of max-keepalive on the world's clock: traffic keeps a connection, silence closes it. */
describe('SilenceWatch', () => {
  it('closes a silent connection at its limit, and one heard from only once it falls silent for the whole limit', async () => {
    const world = new World({ seed: 1, retainLog: true });
    const watch = new SilenceWatch(world);
    const silent = new PassThrough();
    const talking = new PassThrough();
    watch.watch(silent, 'silent', 90_000);
    watch.watch(talking, 'talking', 90_000);
    // A PINGREQ every 60 s for 5 minutes, then nothing.
    for (let t = 60_000; t <= 300_000; t += 60_000) world.scheduler.at(t, () => watch.heard(talking));
    await world.runUntil(89_999);
    expect(silent.destroyed).toBe(false);
    await world.runUntil(90_000);
    expect(silent.destroyed).toBe(true);
    await world.runUntil(389_999);
    expect(talking.destroyed).toBe(false);
    await world.runUntil(390_000);
    expect(talking.destroyed).toBe(true);
    expect(world.log.events().filter((e) => e.type === 'broker.keepalive-expired').map((e) => [(e as { clientId: string }).clientId, (e as { silentMs: number }).silentMs])).toEqual([
      ['silent', 90_000],
      ['talking', 90_000],
    ]);
  });

  it('lapses when its defence is switched off: a silent connection is then kept', async () => {
    const world = new World({ seed: 1, retainLog: true });
    let on = true;
    const watch = new SilenceWatch(world, () => on);
    const conn = new PassThrough();
    watch.watch(conn, 'kept', 1_000);
    world.scheduler.at(500, () => (on = false));
    await world.runUntil(5_000);
    expect(conn.destroyed).toBe(false);
  });

  it('a connection closed first is not closed again or logged', async () => {
    const world = new World({ seed: 1, retainLog: true });
    const watch = new SilenceWatch(world);
    const conn = new PassThrough();
    watch.watch(conn, 'gone', 1_000);
    conn.destroy();
    await world.runUntil(5_000);
    expect(world.log.events().some((e) => e.type === 'broker.keepalive-expired')).toBe(false);
  });
});
