import type { SeededRandom } from '../../simulator/core/random.js';
import type { BotnetParams } from './attack-params.js';

/** First address of the pool: 45.0.0.0, a public range (documentation ranges are too small for 91 M proxies). */
const POOL_BASE = 45 << 24;
/** Pools up to this size keep their address strings (the few-IP botnets brute force uses). */
const CACHE_LIMIT = 65_536;

/**
 * The attacker's traffic sources: a pool of proxy exit IPs and a list of client
 * fingerprints, each request drawing one of each at random (rotating residential proxies).
 * With `attemptsPerIp` the pool is sized so each IP carries that many attempts on average.
 */
export class Botnet {
  readonly ips: number;
  private readonly cached: string[] | undefined;
  /** For larger pools: "a.b." by the address's high 16 bits and "c.d" by its low 16, filled on first use. */
  private readonly highs: string[] | undefined;
  private readonly lows: string[] | undefined;
  private readonly fingerprints: string[];

  constructor(private readonly random: SeededRandom, params: BotnetParams, plannedAttempts: number) {
    this.ips = params.ips > 0 ? params.ips : Math.max(1, Math.ceil(plannedAttempts / params.attemptsPerIp));
    this.cached = this.ips <= CACHE_LIMIT ? Array.from({ length: this.ips }, (_, i) => ipString(i)) : undefined;
    // Packed arrays of '' (not holes): V8 keeps them as plain arrays when filled out of order.
    this.highs = this.cached ? undefined : new Array<string>(1 << 16).fill('');
    this.lows = this.cached ? undefined : new Array<string>(1 << 16).fill('');
    this.fingerprints = Array.from({ length: params.fingerprints }, (_, i) => `bot-agent-${i + 1}`);
  }

  /** An exit IP for the next request. */
  ip(): string {
    const i = this.random.int(0, this.ips - 1);
    if (this.cached) return this.cached[i]!;
    // One concatenation of two cached halves: a template of four numbers made about eight
    // short-lived strings per request, and the flagship's pool (847,000 IPs) is too large to keep.
    const n = (POOL_BASE + i) >>> 0;
    const high = n >>> 16;
    const low = n & 0xffff;
    const highs = this.highs!;
    const lows = this.lows!;
    return (highs[high] || (highs[high] = `${high >>> 8}.${high & 255}.`)) + (lows[low] || (lows[low] = `${low >>> 8}.${low & 255}`));
  }

  /** A client fingerprint (user agent) for the next request. */
  fingerprint(): string {
    return this.fingerprints[this.random.int(0, this.fingerprints.length - 1)]!;
  }
}

function ipString(i: number): string {
  const n = (POOL_BASE + i) >>> 0;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}
