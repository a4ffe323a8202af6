import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { HOUR_MS } from '../../simulator/core/duration.js';
import { startLiveWorld, type LiveWorld } from './helpers/live-world.js';
import { ClientPool } from './helpers/mqtt-clients.js';
import { TRANSPORTS } from './helpers/transports.js';
import { authenticationIsolation } from './isolation/authentication.js';
import { clientIdIsolation } from './isolation/client-ids.js';
import type { IsolationContext } from './isolation/context.js';
import { deliveryIsolation } from './isolation/delivery.js';
import { deviceIsolation } from './isolation/devices.js';
import { subscriptionIsolation } from './isolation/subscriptions.js';

/**
 * Tenant isolation through real listeners and real mqtt.js clients: one abstract suite,
 * run once per transport (MQTT over TCP, MQTT over WebSocket).
 */
for (const transport of TRANSPORTS) {
  describe(`tenant isolation over ${transport.name}`, () => {
    let live: LiveWorld;
    let pool: ClientPool;
    const ctx: IsolationContext = { transport, live: () => live, pool: () => pool };

    beforeAll(async () => {
      // The witness (a service subscribed to '#') connects through the listener under test.
      live = await startLiveWorld({ homeIds: ['A', 'B', 'C'], devicesPerHome: 2, cloud: { sessionTtlMs: HOUR_MS }, broker: { allowExternalServices: true } });
      pool = new ClientPool(() => transport.url(live.listeners));
    });
    afterEach(async () => {
      await pool.closeAll();
    });
    afterAll(async () => {
      await live?.close();
    });

    subscriptionIsolation(ctx);
    deliveryIsolation(ctx);
    authenticationIsolation(ctx);
    deviceIsolation(ctx);
    clientIdIsolation(ctx);
  });
}
