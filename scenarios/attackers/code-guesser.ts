import type { LoginResult } from '../../simulator/cloud/login-pipeline.js';
import type { SeededRandom } from '../../simulator/core/random.js';
import type { Simulation } from '../../simulator/runner/simulation.js';
import type { AttackParams } from './attack-params.js';
import type { Takeover } from './takeover.js';

/** Guesses per ticket at most, whatever the server allows: a guard against a defence that never voids. */
const MAX_GUESSES_PER_TICKET = 1_000;

/**
 * The attacker's answer to a second-factor prompt: it holds the password but not the phone,
 * so it types random codes until the server stops taking them (the code-entry limit voids
 * the ticket: the answer turns to 'denied'), then logs in again for a fresh ticket, up to
 * `ticketsPerAccount` times. Expected successes per ticket are at most
 * limit × (codes accepted at once) / 10^digits — the bound the tests check.
 */
export class CodeGuesser {
  private readonly ticketsByEmail = new Map<string, number>();
  private relogin: ((email: string, password: string, delayMs: number) => void) | undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly random: SeededRandom,
    private readonly params: AttackParams,
    private readonly takeover: Takeover,
  ) {}

  /** Where fresh tickets come from (the campaign's login loop). */
  useRelogin(relogin: (email: string, password: string, delayMs: number) => void): void {
    this.relogin = relogin;
  }

  prompted(email: string, password: string, prompt: LoginResult, ip: string, fingerprint: string): void {
    if (!this.params.guessCodes || prompt.ticket === undefined) return;
    const tickets = (this.ticketsByEmail.get(email) ?? 0) + 1;
    this.ticketsByEmail.set(email, tickets);
    const from = { ip, clientFingerprint: fingerprint, actor: 'attacker' as const };
    const max = 10 ** this.params.codeDigits - 1;
    for (let guess = 0; guess < MAX_GUESSES_PER_TICKET; guess++) {
      const code = String(this.random.int(0, max)).padStart(this.params.codeDigits, '0');
      const result = this.sim.cloud.login.verifySecondFactor(prompt.ticket, code, from);
      if (result.outcome === 'ok') {
        this.takeover.begin(email, result.session!);
        return;
      }
      if (result.outcome !== 'second-factor-required') break; // the ticket is void
    }
    if (tickets < this.params.ticketsPerAccount) this.relogin?.(email, password, this.params.reloginDelayMs);
  }
}
