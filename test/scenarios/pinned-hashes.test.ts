import { describe, expect, it } from 'vitest';
import { runWorld, type RunWorldOptions } from '../../simulator/testing/index.js';

/**
 * Event-log hashes pinned from main at 46af06c, before the hardening and layering work: a
 * change that means to keep every result (new layers, new secret sources, wire limits) must
 * leave these runs byte for byte as they were. A deliberate change of behaviour updates them
 * in the same commit and says why.
 */
const PINNED: Array<RunWorldOptions & { sha256: string }> = [
  { scenario: 'baseline', seed: 1, homes: 30, duration: '6h', transport: 'mqtt', sha256: '570ad9b2cac8d5991bb889430f32749d32bd0053b92b1fe31e31b960fb4a5fc8' },
  { scenario: 'baseline', seed: 42, homes: 60, duration: '12h', transport: 'direct', sha256: 'daf30c59df1413ea84200e9361847b21397ae75c2ef8dfa9c53b861cfbafc347' },
  { scenario: 'baseline', seed: 7, homes: 20, duration: '24h', transport: 'direct', sha256: 'e449e7d42228d942745ff369304cd3207fdd48de5fd397a2a1c7dad394f505a9' },
  { scenario: 'credential-stuffing', seed: 1, homes: 40, duration: '6h', transport: 'direct', defenses: 'none', sha256: 'fd8ed7681f1da848f17881bceccd14a1c26609ec61791cb0b2e3ec0e116fe45a' },
  { scenario: 'credential-stuffing', seed: 5, homes: 40, duration: '6h', transport: 'direct', defenses: 'all', sha256: '4471bd179fc51a2b8c732eff818e809a73fd68677c279a19d1f396c8a9142730' },
  { scenario: 'credential-stuffing', seed: 9, homes: 30, duration: '4h', transport: 'mqtt', defenses: 'ring-2020', sha256: '9f6c011eaab47490d2ef58fb8345e2166aedf72fbf713a6ac6485b32d4362579' },
];

describe('seeded runs keep their pinned event-log hashes', () => {
  for (const { sha256, ...options } of PINNED) {
    const name = `${options.scenario} seed=${options.seed} homes=${options.homes} ${options.duration} ${options.transport} defenses=${options.defenses ?? 'default'}`;
    it(name, async () => {
      const run = await runWorld({ ...options, retainLog: false });
      expect(run.digest, `replay: smarthome-sim run ${options.scenario} --seed ${options.seed} --homes ${options.homes} --duration ${options.duration} --transport ${options.transport}${options.defenses ? ` --defenses ${options.defenses}` : ''}`).toBe(sha256);
    });
  }
});
