import { expect } from 'vitest';
import type { Cloud } from '../../../simulator/cloud/cloud.js';
import type { World } from '../../../simulator/core/world.js';

/**
 * Model-based test of the cloud account API (cloud-model.test.ts): what the owner-facing API
 * should do, as a Map of e-mail → password, the list of tokens handed out and — with
 * `2fa-optional` installed — the second-factor tickets opened for enrolled accounts
 * (commands in cloud-2fa-commands.ts).
 */
export interface ModelAccount {
  id: string;
  password: string;
  /** The factor the owner enrolled (EnableTwoFactor), or null. */
  factor: 'sms' | 'totp' | null;
  /** Password changes so far: a ticket opened under an older epoch is void. */
  epoch: number;
}

export interface ModelTicket {
  accountId: string;
  method: 'sms' | 'totp';
  expiresAtMs: number;
  epoch: number;
  wrong: number;
  open: boolean;
}

export interface CloudModel {
  nowMs: number;
  readonly ttlMs: number;
  /** Second-factor tickets live this long; this many wrong codes void one. */
  readonly ticketTtlMs: number;
  readonly maxCodeAttempts: number;
  /** Lower-cased e-mail → account. */
  readonly accounts: Map<string, ModelAccount>;
  /** Every token ever handed out, in order: whose, until when, and whether still unrevoked. */
  readonly held: Array<{ accountId: string; expiresAtMs: number; live: boolean }>;
  /** Every ticket ever opened, in order. */
  readonly tickets: ModelTicket[];
  /** Account id → the last TOTP step accepted (each step's code works once). */
  readonly lastTotpStep: Map<string, number>;
  nextId: number;
}

export interface CloudReal {
  readonly world: World;
  readonly cloud: Cloud;
  /** Tokens in the same order as `model.held`. */
  readonly held: string[];
  /** Ticket ids in the same order as `model.tickets`, with the code sent for SMS tickets. */
  readonly tickets: Array<{ id: string; code: string | undefined }>;
}

/** A session handed out to `accountId`: a fresh 128-bit token, live for the TTL. */
export function recordSession(m: CloudModel, r: CloudReal, accountId: string, token: string): void {
  expect(token).toMatch(/^[0-9a-f]{32}$/); // 128 bits
  expect(r.held).not.toContain(token);
  r.held.push(token);
  m.held.push({ accountId, expiresAtMs: m.nowMs + m.ttlMs, live: true });
}

