import { createHash } from 'node:crypto';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';

type Generator = ReturnType<typeof xoroshiro128plusFromState>;

/** Char codes of the lowercase hex digits. */
const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/**
 * Scratch for `hex`: the digits are written here and read out as one string. Building the
 * string by concatenation made about twenty short-lived strings per 16-byte token (a pass
 * token per solved bot challenge, a session token per login); this makes one.
 */
let hexScratch = Buffer.allocUnsafe(64);

/**
 * The world's only source of chance: xoroshiro128+ (pure-rand) behind named sub-streams.
 *
 * Each sub-stream's state is SHA-256(seed, path), so `stream('attacker')` yields the same
 * numbers whether or not another actor was added: adding an actor never shifts anyone
 * else's randomness (the property TigerBeetle's VOPR and fast-check rely on for replay).
 */
export class SeededRandom {
  readonly seed: number;
  readonly path: string;
  private readonly gen: Generator;

  constructor(seed: number, path = 'root') {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`seed must be a non-negative safe integer, got ${String(seed)}`);
    }
    this.seed = seed;
    this.path = path;
    const digest = createHash('sha256').update(`${seed}\u0000${path}`).digest();
    const state: number[] = [digest.readInt32LE(0), digest.readInt32LE(4), digest.readInt32LE(8), digest.readInt32LE(12)];
    // xoroshiro128+ must not start from the all-zero state.
    if (!state.some((word) => word !== 0)) state[0] = 1;
    this.gen = xoroshiro128plusFromState(state);
  }

  /** An independent generator named `name` below this one (`root/attacker/botnet`). */
  stream(name: string): SeededRandom {
    return new SeededRandom(this.seed, `${this.path}/${name}`);
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return uniformFloat64(this.gen);
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(min, max) needs integers with min <= max, got ${min}, ${max}`);
    }
    return uniformInt(this.gen, min, max);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p >= 1 ? true : p <= 0 ? false : this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  /** Fisher–Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** Exponentially distributed value with the given mean (inter-arrival times). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Index drawn in proportion to non-negative weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** n random bytes as lowercase hex (tokens, ids, secrets): each 32-bit draw, big-endian. */
  hex(bytes: number): string {
    const length = bytes * 2;
    if (hexScratch.length < length + 8) hexScratch = Buffer.allocUnsafe(length + 8);
    const out = hexScratch;
    let at = 0;
    for (let i = 0; i < bytes; i += 4) {
      const v = this.gen.next();
      for (let shift = 28; shift >= 0; shift -= 4) out[at++] = HEX_DIGITS[(v >>> shift) & 15]!;
    }
    return out.toString('latin1', 0, length);
  }

  bytes(count: number): Buffer {
    return Buffer.from(this.hex(count), 'hex');
  }
}
