import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { listDefenses } from '../../simulator/cli/commands/list.js';
import { defineDefense, defineScenario, registerDefense, type StaffAccessResult } from '../../simulator/index.js';
import { runWorld } from '../../simulator/testing/index.js';

/**
 * The staff-access and data choke points, with defences written here and nowhere under
 * simulator/ (issue 13): a data policy that refuses to keep night-time clips, and a staff
 * policy that lets support staff see metadata only.
 */
const HOUR_MS = 3_600_000;

registerDefense(
  defineDefense({
    name: 'toy-no-night-clips',
    layer: 'data',
    models: 'a test double: the cloud keeps no clip captured between 22:00 and 06:00',
    schema: z.object({}),
    defaults: {},
    create() {
      let refused = 0;
      const data = {
        name: 'toy-no-night-clips',
        authorizeWrite(recording: { capturedAtMs: number }) {
          const hour = Math.floor(recording.capturedAtMs / HOUR_MS) % 24;
          if (hour >= 6 && hour < 22) return undefined;
          refused++;
          return 'captured at night';
        },
      };
      return { name: 'toy-no-night-clips', data, stats: () => ({ refused }) };
    },
  }),
);

registerDefense(
  defineDefense({
    name: 'toy-support-metadata-only',
    layer: 'staff',
    models: 'a test double of least privilege (NIST SP 800-53 AC-6): support sees metadata, not video',
    schema: z.object({}),
    defaults: {},
    create() {
      return {
        name: 'toy-support-metadata-only',
        staff: { name: 'toy-support-metadata-only', authorize: (r) => (r.role === 'support' && r.action !== 'view-metadata' ? 'support sees metadata only' : undefined) },
        stats: () => ({}),
      };
    },
  }),
);

/** A support agent and an engineer each ask for the first home's clips at the end of the run. */
const consoleAtDusk = defineScenario({
  name: 'console-at-dusk',
  summary: 'two staff requests through the console',
  setup({ sim, metrics, durationMs }) {
    const homeId = sim.town.homes[0]!.homeId;
    sim.world.scheduler.at(sim.world.now() + durationMs - 1, () => {
      const answers: Record<string, StaffAccessResult> = {
        support: sim.cloud.staffAccess.request({ staffId: 'st-1', role: 'support', action: 'view-clips', homeId }),
        engineering: sim.cloud.staffAccess.request({ staffId: 'st-2', role: 'engineering', action: 'view-clips', homeId }),
      };
      for (const [role, answer] of Object.entries(answers)) {
        metrics.set(`console.${role}.granted`, answer.granted ? 1 : 0);
        metrics.set(`console.${role}.clips`, answer.granted && answer.data?.ok ? answer.data.clips.length : 0);
      }
    });
  },
  finish: ({ sim }) => ({ 'recordings.stored': sim.cloud.recordings.count }),
});

describe('defences at the staff-access and data choke points', () => {
  it('a data defence from a test file decides what the cloud keeps, and reports its counter', async () => {
    const common = { scenario: consoleAtDusk, seed: 5, homes: 8, duration: '24h', set: ['doorbell.motionPerDay=48'] } as const;
    const kept = await runWorld({ ...common, defenses: 'none' });
    const filtered = await runWorld({ ...common, defenses: 'toy-no-night-clips' });
    const refused = filtered.metrics['defense.toy-no-night-clips.refused'] as number;
    expect(refused).toBeGreaterThan(0);
    expect(filtered.ofType('data.write-refused')).toHaveLength(refused);
    expect(filtered.metrics['recordings.stored']).toBe((kept.metrics['recordings.stored'] as number) - refused);
    for (const e of filtered.ofType('data.write-refused')) expect(e.reason).toBe('captured at night');
  });

  it('a staff defence from a test file refuses support the video but not engineering, and every request is logged once', async () => {
    const open = await runWorld({ scenario: consoleAtDusk, seed: 5, homes: 4, duration: '12h', defenses: 'none' });
    const limited = await runWorld({ scenario: consoleAtDusk, seed: 5, homes: 4, duration: '12h', defenses: 'toy-support-metadata-only' });
    expect(open.metrics['console.support.granted']).toBe(1);
    expect(open.metrics['console.support.clips']).toBeGreaterThan(0);
    expect(limited.metrics['console.support.granted']).toBe(0);
    expect(limited.metrics['console.support.clips']).toBe(0);
    expect(limited.metrics['console.engineering.clips']).toBe(open.metrics['console.engineering.clips']);
    expect(limited.ofType('staff.access').map((e) => [e.role, e.granted, e.policy])).toEqual([
      ['support', false, 'toy-support-metadata-only'],
      ['engineering', true, ''],
    ]);
  });

  it('both show in `list defenses` under their layers', () => {
    expect(listDefenses()).toMatch(/toy-support-metadata-only\s+staff\s+a test double/);
    expect(listDefenses()).toMatch(/toy-no-night-clips\s+data\s+a test double/);
  });
});
