import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { commandGateFor, judgeCommand } from '../../devices/command-gate.js';
import type { DeviceRecord } from '../../simulator/cloud/device-registry.js';
import { World } from '../../simulator/core/world.js';
import type { DefenseEnv } from '../../simulator/defenses/defense.js';
import { signedCommands } from '../../simulator/defenses/signed-commands.js';
import { runs } from './support/fc-config.js';
import { assertAsyncProperty } from './support/regressions.js';

/**
 * INV-CMD-1 through the defence's own hooks: the cloud's sealCommand signs, the device's gate
 * check judges. A run is a sequence of steps in time: an owner's fresh command delivered
 * after some delay, a byte-for-byte replay of one already sent, or an altered copy (a field
 * of the command, the nonce, the timestamp or the MAC changed). An alteration is never
 * obeyed, no command is obeyed twice, and every honest command delivered within the window
 * is obeyed once — by its own delivery, or by a captured copy that beat a slow link to the
 * device, which carries out the owner's intent once and so is no harm (then the owner's own,
 * later copy is the refused one).
 */
const WINDOW_MS = 30_000;
const DEVICE: DeviceRecord = { deviceId: 'd1', homeId: 'h1', kind: 'doorbell', credential: 'x', firmware: '1' };
const TOPIC = 'homes/h1/devices/d1/commands';

type Step =
  | { kind: 'fresh'; gapMs: number; delayMs: number; cmd: string }
  | { kind: 'replay'; gapMs: number; of: number }
  | { kind: 'alter'; gapMs: number; of: number; what: 'cmd' | 'from' | 'nonce' | 'tsMs' | 'mac' | 'home' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('fresh' as const), gapMs: fc.integer({ min: 0, max: 60_000 }), delayMs: fc.integer({ min: 0, max: WINDOW_MS }), cmd: fc.constantFrom('live-view-start', 'live-view-stop', 'talk') }),
  fc.record({ kind: fc.constant('replay' as const), gapMs: fc.integer({ min: 0, max: 120_000 }), of: fc.nat() }),
  fc.record({ kind: fc.constant('alter' as const), gapMs: fc.integer({ min: 0, max: 10_000 }), of: fc.nat(), what: fc.constantFrom('cmd', 'from', 'nonce', 'tsMs', 'mac', 'home') }),
);

function alter(payload: string, what: Exclude<Step, { kind: 'fresh' | 'replay' }>['what']): string {
  const c = JSON.parse(payload) as { cmd: string; from: { accountId: string }; sig: { nonce: string; tsMs: number; mac: string }; home?: string };
  if (what === 'cmd') c.cmd = c.cmd === 'talk' ? 'live-view-start' : 'talk';
  if (what === 'from') c.from.accountId = `${c.from.accountId}x`;
  if (what === 'nonce') c.sig.nonce = `${c.sig.nonce.slice(1)}0`;
  if (what === 'tsMs') c.sig.tsMs += 1;
  if (what === 'mac') c.sig.mac = `${c.sig.mac[0] === 'a' ? 'b' : 'a'}${c.sig.mac.slice(1)}`;
  if (what === 'home') c.home = 'h2'; // a field the attacker adds: not what was signed
  return JSON.stringify(c);
}

/** Plays the steps against a world with `install` run on it; true when every verdict is as INV-CMD-1 says. */
async function verdictsHold(steps: Step[], install: (world: World) => ((topic: string, command: Record<string, unknown>) => Record<string, unknown>) | undefined): Promise<string | undefined> {
  const world = new World({ seed: 1 });
  const seal = install(world) ?? ((_t: string, c: Record<string, unknown>) => c);
  const gate = commandGateFor(world);
  const sent: string[] = [];
  let nowMs = 0;
  // Deliveries in time order: an honest command reaches the device `delayMs` after it was signed.
  const deliveries: Array<{ atMs: number; payload: string; honest: boolean }> = [];
  for (const step of steps) {
    nowMs += step.gapMs;
    await world.runUntil(nowMs); // the cloud signs with the world's clock
    if (step.kind === 'fresh') {
      const payload = JSON.stringify(seal(TOPIC, { cmd: step.cmd, from: { accountId: 'a1', sessionId: 's1' } }));
      sent.push(payload);
      deliveries.push({ atMs: nowMs + step.delayMs, payload, honest: true });
    } else if (sent.length > 0) {
      const original = sent[step.of % sent.length]!;
      deliveries.push({ atMs: nowMs, payload: step.kind === 'replay' ? original : alter(original, step.what), honest: false });
    }
  }
  deliveries.sort((a, b) => a.atMs - b.atMs || (a.honest === b.honest ? 0 : a.honest ? -1 : 1));
  // Times each signed command was acted on, whichever copy carried it.
  const obeyed = new Map<string, number>();
  for (const d of deliveries) {
    const refusal = judgeCommand(gate, DEVICE, d.payload, JSON.parse(d.payload) as Record<string, unknown>, d.atMs);
    if (refusal !== undefined) continue;
    if (!sent.includes(d.payload)) return `obeyed an altered command at ${d.atMs}: ${d.payload}`;
    if (obeyed.has(d.payload)) return `obeyed a command a second time (${d.honest ? 'the owner\'s copy' : 'a replay'}) at ${d.atMs}: ${d.payload}`;
    obeyed.set(d.payload, 1);
  }
  // Every honest command delivered within the window was acted on once: by its own delivery,
  // or by an eavesdropper's copy that reached the device first (the owner's intent, once).
  for (const payload of sent) if (!obeyed.has(payload)) return `an honest command within the window was never obeyed: ${payload}`;
  await world.close();
  return undefined;
}

function installSigned(world: World) {
  const defense = signedCommands.create({ world } as DefenseEnv, { windowMs: WINDOW_MS });
  return defense.broker!.sealCommand!;
}

describe('signed-commands (property)', () => {
  test('INV-CMD-1: with signed-commands an altered command is never obeyed, no command twice, and every fresh honest command within the window once', async () => {
    await assertAsyncProperty(
      'INV-CMD-1',
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 40 }), async (steps) => {
        expect(await verdictsHold(steps, installSigned)).toBeUndefined();
      }),
      { numRuns: runs(300) },
    );
  });

  test('the property can fail: without the defence it finds an obeyed replay', async () => {
    const details = await fc.check(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 40 }), async (steps) => (await verdictsHold(steps, () => undefined)) === undefined),
      { numRuns: 300, seed: 17 },
    );
    expect(details.failed).toBe(true);
  });
});
