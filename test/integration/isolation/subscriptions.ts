import { describe, expect, it } from 'vitest';
import { refusals } from '../helpers/live-world.js';
import { connectOwner, type IsolationContext } from './context.js';

/** Filters an owner of home A must never hold: each could match a topic outside homes/A/. */
export const FORBIDDEN_FOR_A = [
  'homes/B/#',
  '#',
  '+/#',
  '$SYS/#',
  'homes/+/devices/#',
  'homes/+/#',
  'homes/#',
  '+/A/#',
  'homes/B/devices/db-B-1/events',
  'homes/+/devices/db-B-1/events',
  'cloud/#',
];

/** Filters that stay inside home A. */
export const ALLOWED_FOR_A = ['homes/A/#', 'homes/A/+/+/+', 'homes/A/devices/#', 'homes/A/devices/+/events', 'homes/A/devices/db-A-1/status', 'homes/A'];

export function subscriptionIsolation(ctx: IsolationContext): void {
  describe('what an owner may subscribe to', () => {
    it('refuses every filter that could reach beyond its home (SUBACK 0x80) and grants its own', async () => {
      const live = ctx.live();
      const owner = await connectOwner(ctx, 'A');
      const before = refusals(live, 'broker.subscribe-refused').length;

      for (const filter of FORBIDDEN_FOR_A) expect(await owner.subscribe(filter), filter).toEqual([0x80]);
      for (const filter of ALLOWED_FOR_A) expect(await owner.subscribe(filter), filter).toEqual([0]);

      const logged = refusals(live, 'broker.subscribe-refused').slice(before);
      expect(logged.map((e) => e.filter)).toEqual(FORBIDDEN_FOR_A);
      expect(new Set(logged.map((e) => e.principal))).toEqual(new Set(['account:acct-A']));
      // A refused filter is answered, not punished: the connection stays up.
      expect(owner.connected).toBe(true);
    });

    it('answers each filter of one SUBSCRIBE on its own: refused, never narrowed', async () => {
      const owner = await connectOwner(ctx, 'A');
      expect(await owner.subscribe(['homes/A/devices/+/status', 'homes/B/#', 'homes/A/devices/+/media', '#'])).toEqual([0, 0x80, 0, 0x80]);
    });

    it('grants the other owner its own home and refuses it home A', async () => {
      const owner = await connectOwner(ctx, 'B');
      expect(await owner.subscribe('homes/B/#')).toEqual([0]);
      expect(await owner.subscribe('homes/A/#')).toEqual([0x80]);
    });
  });
}
