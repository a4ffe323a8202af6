import { randomBytes } from 'node:crypto';
import type { SeededRandom } from './random.js';

/**
 * Where a world's credentials come from: session tokens, device secrets, service secrets.
 *
 * A simulated run draws them from its seeded streams, so a run stays byte-reproducible and a
 * failing seed replays. A world behind a live listener must not: the generator's code is
 * public and the default seed is 1, so anyone could recompute the ingest service's secret or
 * an owner's token and log in (DESIGN.md principle 6: a reproducible town, unpredictable keys
 * to it). That world takes its secret bytes from the operating system's CSPRNG instead.
 *
 * Either way the caller names the seeded stream the secret belongs to, and the cryptographic
 * source still advances that stream by exactly the draw the seeded source would make. The
 * streams also draw things that are logged (a session's public id is drawn right after its
 * token from the same stream), so a live and a simulated town of one seed keep the same ids,
 * the same event log and the same everything else; only the secret bytes differ.
 *
 * Only what the broker accepts as a password goes through here. Owners' passwords, TOTP
 * secrets and second-factor codes stay seeded: they unlock the cloud's login pipeline, which
 * is called in-process only (no listener reaches it), and what it hands out, a session
 * token, comes from here. A network login API would have to move them here too.
 */
export interface SecretSource {
  readonly mode: SecretMode;
  /** `bytes` secret bytes as lowercase hex, in place of `stream.hex(bytes)`. */
  hex(stream: SeededRandom, bytes: number): string;
}

export type SecretMode = 'seeded' | 'cryptographic';

/** Secrets are the stream's own draws (simulated runs: reproducible, never on a socket). */
export const SEEDED_SECRETS: SecretSource = {
  mode: 'seeded',
  hex: (stream, bytes) => stream.hex(bytes),
};

/** Secrets from node:crypto's randomBytes; the seeded draw is made and thrown away (see above). */
export const CRYPTOGRAPHIC_SECRETS: SecretSource = {
  mode: 'cryptographic',
  hex: (stream, bytes) => {
    stream.hex(bytes);
    return randomBytes(bytes).toString('hex');
  },
};
