import { describe, expect, it } from 'vitest';
import { nestingDepth, parseBoundedJson } from '../../simulator/broker/bounded-json.js';
import { attestCommand, COMMAND_JSON_BOUNDS } from '../../simulator/broker/command-attestation.js';
import type { BrokerPrincipal } from '../../simulator/broker/principal.js';
import { parseDoorbellCommand } from '../../devices/doorbell-commands.js';
import type { Link, MessageHandler } from '../../simulator/broker/link.js';
import { Cloud } from '../../simulator/cloud/cloud.js';
import { RecordingIngest } from '../../simulator/cloud/ingest.js';
import { World } from '../../simulator/core/world.js';

const bounds = { maxBytes: 100, maxDepth: 3 };
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('nestingDepth', () => {
  it.each([
    ['1', 0],
    ['[]', 1],
    ['{"a":[{"b":[]}]}', 4],
    ['["[[[[", "{{{"]', 1],
    ['["\\"[[[["]', 1],
    ['["\\\\", [[]]]', 3],
  ])('%s is %i deep (brackets in strings do not count)', (text, depth) => {
    expect(nestingDepth(text)).toBe(depth);
  });

  it('stops at the first level past the limit', () => {
    expect(nestingDepth(nested(100_000), 8)).toBe(9);
  });
});

describe('parseBoundedJson', () => {
  it('parses JSON within bounds', () => {
    expect(parseBoundedJson('{"a":[[1]]}', bounds)).toEqual({ ok: true, value: { a: [[1]] } });
    expect(parseBoundedJson(Buffer.from('[1,2]'), bounds)).toEqual({ ok: true, value: [1, 2] });
  });

  it('depth exactly at the limit passes, one more level is refused before parsing', () => {
    expect(parseBoundedJson(nested(3), bounds).ok).toBe(true);
    expect(parseBoundedJson(nested(4), bounds)).toMatchObject({ ok: false, refusal: 'too-deep' });
    expect(parseBoundedJson(nested(5000), { maxBytes: 20_000, maxDepth: 32 })).toMatchObject({ ok: false, refusal: 'too-deep' });
  });

  it('size is counted in UTF-8 bytes, for strings and buffers', () => {
    expect(parseBoundedJson(`"${'a'.repeat(98)}"`, bounds).ok).toBe(true);
    expect(parseBoundedJson(`"${'a'.repeat(99)}"`, bounds)).toMatchObject({ ok: false, refusal: 'too-large' });
    // 'é' is one UTF-16 unit but two UTF-8 bytes: 49 of them and two quotes are exactly 100 bytes.
    expect(parseBoundedJson(`"${'é'.repeat(49)}"`, bounds).ok).toBe(true);
    expect(parseBoundedJson(`"${'é'.repeat(50)}"`, bounds)).toMatchObject({ ok: false, refusal: 'too-large' });
    expect(parseBoundedJson(Buffer.alloc(101, 0x20), bounds)).toMatchObject({ ok: false, refusal: 'too-large' });
  });

  it('refuses a __proto__ key, plainly or through \\u escapes, and never pollutes a prototype', () => {
    expect(parseBoundedJson('{"__proto__":{"polluted":1}}', bounds)).toMatchObject({ ok: false, refusal: 'forbidden-key' });
    expect(parseBoundedJson('{"a":{"\\u005f_proto__":{"polluted":1}}}', bounds)).toMatchObject({ ok: false, refusal: 'forbidden-key' });
    const other = parseBoundedJson('{"constructor":{"prototype":{"polluted":1}}}', bounds);
    expect(other.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('invalid JSON and invalid UTF-8 are refused as syntax, never thrown', () => {
    expect(parseBoundedJson('{"a":', bounds)).toMatchObject({ ok: false, refusal: 'syntax' });
    expect(parseBoundedJson(Buffer.from([0x22, 0xff, 0xfe, 0x22]), bounds)).toEqual({ ok: true, value: '\ufffd\ufffd' });
    expect(parseBoundedJson(Buffer.from([0x7b, 0xc3]), bounds)).toMatchObject({ ok: false, refusal: 'syntax' });
  });
});

describe('attestCommand and the doorbell under hostile commands', () => {
  const owner = { kind: 'account', accountId: 'acct-A', sessionId: 's1', token: 't' } as BrokerPrincipal;
  const topic = 'homes/A/devices/db-A-1/commands';

  it('a command nested thousands of levels deep is refused with a reason, not thrown', () => {
    const payload = `{"cmd":"talk","message":${nested(6000)}}`;
    expect(() => attestCommand(owner, topic, payload)).not.toThrow();
    expect(attestCommand(owner, topic, payload)).toEqual({ refused: `command JSON nested deeper than ${COMMAND_JSON_BOUNDS.maxDepth} levels` });
    expect(parseDoorbellCommand(payload)).toBeUndefined();
  });

  it('an oversize command is refused by size; a well-formed one is attested', () => {
    expect(attestCommand(owner, topic, Buffer.alloc(COMMAND_JSON_BOUNDS.maxBytes + 1, 0x20))).toMatchObject({ refused: expect.stringMatching(/bytes/) });
    const attested = attestCommand(owner, topic, '{"cmd":"live-view-start","from":{"accountId":"forged","sessionId":"x"}}');
    expect(attested).toEqual({ payload: '{"cmd":"live-view-start","from":{"accountId":"acct-A","sessionId":"s1"}}' });
    expect(parseDoorbellCommand((attested as { payload: string }).payload)).toMatchObject({ cmd: 'live-view-start', from: { accountId: 'acct-A' } });
  });

  it('non-JSON commands pass unchanged (the device ignores them); numbers out of range are not obeyed', () => {
    expect(attestCommand(owner, topic, 'not json')).toBeUndefined();
    const settings = attestCommand(owner, topic, '{"cmd":"settings","motionSensitivity":1e999,"privacyZones":-1}') as { payload: string };
    expect(parseDoorbellCommand(settings.payload)).toBeUndefined();
  });
});

describe('the cloud ingest under hostile media announcements', () => {
  async function ingestWith(payloads: string[]): Promise<number> {
    const world = new World({ seed: 1 });
    const cloud = new Cloud(world);
    let deliver: MessageHandler = () => {};
    const link = { onMessage: (h: MessageHandler) => (deliver = h), subscribe: async () => true, close: async () => {} } as unknown as Link;
    const ingest = await RecordingIngest.start(cloud, link);
    for (const payload of payloads) expect(() => deliver('homes/A/devices/db-A-1/media', payload)).not.toThrow();
    return ingest.stored;
  }

  it('stores a well-formed announcement and nothing out of bounds or out of range', async () => {
    const ok = '{"type":"recording","clipId":"c1","durationS":20,"capturedAtMs":1000}';
    expect(await ingestWith([ok])).toBe(1);
    const hostile = [
      `{"type":"recording","clipId":"c2","durationS":20,"capturedAtMs":1000,"x":${nested(5000)}}`,
      '{"type":"recording","clipId":"c3","durationS":1e999,"capturedAtMs":1000}',
      '{"type":"recording","clipId":"c4","durationS":-5,"capturedAtMs":1000}',
      `{"type":"recording","clipId":"${'c'.repeat(300)}","durationS":20,"capturedAtMs":1000}`,
      '{"type":"recording","clipId":"c5","durationS":20,"capturedAtMs":1000,"__proto__":{"polluted":1}}',
      '["recording"]',
      '"recording"',
      'null "recording"',
    ];
    expect(await ingestWith(hostile)).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
