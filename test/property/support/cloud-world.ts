import { ConnectRefusedError, type Link, type TransportMode } from '../../../simulator/broker/link.js';
import { SimBroker } from '../../../simulator/broker/sim-broker.js';
import type { Account } from '../../../simulator/cloud/accounts.js';
import { Cloud, type CloudOptions } from '../../../simulator/cloud/cloud.js';
import { World } from '../../../simulator/core/world.js';

/** A world with its cloud and (optionally) its broker, as the properties build them. */
export interface SimStack {
  world: World;
  cloud: Cloud;
  broker: SimBroker;
}

export async function createStack(seed: number, cloudOptions: CloudOptions = {}): Promise<SimStack> {
  const world = new World({ seed });
  const cloud = new Cloud(world, cloudOptions);
  return { world, cloud, broker: await SimBroker.create(world, cloud) };
}

export function signUp(cloud: Cloud, id: string, email: string, password: string, homeIds: string[] = [`home-${id}`]): Account {
  return cloud.accounts.create({ id, email, password, homeIds, nowMs: cloud.world.now() });
}

/** An owner's login from the app; returns the session token, or undefined when refused. */
export function login(cloud: Cloud, email: string, password: string): string | undefined {
  return cloud.attemptLogin({ email, password, ip: '203.0.113.7', clientFingerprint: 'owner-app', actor: 'owner' }).session?.token;
}

/** Connects as the owner with `token`; resolves the link, or the ConnectRefusedError. */
export async function connectOwner(broker: SimBroker, email: string, token: string, mode: TransportMode): Promise<Link | ConnectRefusedError> {
  try {
    return await broker.link({ clientId: broker.nextClientId(`app-${mode}`), username: email, password: token }, mode);
  } catch (error) {
    if (error instanceof ConnectRefusedError) return error;
    throw error;
  }
}
