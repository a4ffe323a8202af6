import { expect } from 'vitest';
import type { ClientPool, TestClient } from '../helpers/mqtt-clients.js';
import type { LiveWorld, TestHome } from '../helpers/live-world.js';
import type { Transport } from '../helpers/transports.js';

/**
 * What each part of the abstract tenant-isolation suite gets: one live world (homes A, B, C
 * with two doorbells each) and a pool of real clients over one transport, both created by
 * tenant-isolation.test.ts. Clients are closed after every test.
 */
export interface IsolationContext {
  readonly transport: Transport;
  live(): LiveWorld;
  pool(): ClientPool;
}

export function home(ctx: IsolationContext, homeId: 'A' | 'B' | 'C'): TestHome {
  return ctx.live().homes[homeId]!;
}

/** The owner's app, logged in through the cloud with a fresh session token. */
export function connectOwner(ctx: IsolationContext, homeId: 'A' | 'B' | 'C', clientId?: string): Promise<TestClient> {
  const h = home(ctx, homeId);
  return ctx.pool().connect({ clientId, username: h.email, password: ctx.live().login(h) }, `owner ${homeId}`);
}

/** Doorbell `index` (1-based) of a home, with its own credential and its id as client id. */
export function connectDevice(ctx: IsolationContext, homeId: 'A' | 'B' | 'C', index = 1): Promise<TestClient> {
  const device = home(ctx, homeId).devices[index - 1]!;
  return ctx.pool().connect({ clientId: device.deviceId, username: device.deviceId, password: device.credential }, device.deviceId);
}

/** A trusted service subscribed to '#': it sees every message the broker routes at all. */
export async function connectWitness(ctx: IsolationContext): Promise<TestClient> {
  const credentials = ctx.live().broker.serviceCredentials('witness');
  const witness = await ctx.pool().connect({ ...credentials }, 'witness');
  expect(await witness.subscribe('#')).toEqual([0]);
  return witness;
}
