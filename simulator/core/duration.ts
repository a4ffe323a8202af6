/** Virtual time is an integer number of milliseconds since the start of the run. */
export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const UNIT_MS: Record<string, number> = { ms: 1, s: SECOND_MS, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };

/** Longest duration accepted: 100 years, far beyond any run, well inside a safe integer. */
export const MAX_DURATION_MS = 100 * 365 * DAY_MS;

/**
 * Parses `90m`, `24h`, `7d`, `30s`, `1500ms`, `1.5s` or `1h30m` into milliseconds. Virtual
 * time is whole milliseconds, so the total must be a whole number of them, at least 1 ms
 * (`0.1ms` and `1.0005s` are refused rather than rounded to something else).
 */
export function parseDurationMs(text: string, field = 'duration'): number {
  const trimmed = text.trim();
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  const joined = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || joined !== trimmed) {
    throw new RangeError(`${field}: cannot read "${text}" as a duration; use forms like 90m, 24h, 7d, 1h30m`);
  }
  let total = 0;
  for (const [, amount, unit] of parts) total += Number(amount) * UNIT_MS[unit!]!;
  // Decimal fractions are inexact in binary (0.3s → 299.99999999999994 ms): allow float noise only.
  const wholeMs = Math.round(total);
  if (!Number.isFinite(total) || total <= 0) throw new RangeError(`${field}: "${text}" must be longer than zero`);
  if (Math.abs(total - wholeMs) > 1e-6 * Math.max(1, total)) throw new RangeError(`${field}: "${text}" is not a whole number of milliseconds`);
  if (wholeMs < 1) throw new RangeError(`${field}: "${text}" is shorter than 1ms`);
  if (wholeMs > MAX_DURATION_MS) throw new RangeError(`${field}: "${text}" is longer than the maximum, ${formatDurationMs(MAX_DURATION_MS)}`);
  return wholeMs;
}

/** `86400000` → `24h`, `5400000` → `1h30m`: the inverse of parseDurationMs for reports. */
export function formatDurationMs(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of [['d', DAY_MS], ['h', HOUR_MS], ['m', MINUTE_MS], ['s', SECOND_MS], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
