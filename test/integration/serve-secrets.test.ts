import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginWatchers } from '../../simulator/cli/serve-credentials.js';
import { HOUR_MS } from '../../simulator/core/duration.js';
import { CRYPTOGRAPHIC_SECRETS, SEEDED_SECRETS, type SecretSource } from '../../simulator/core/secret-source.js';
import { World } from '../../simulator/core/world.js';
import { Simulation } from '../../simulator/runner/simulation.js';
import { refusals, startLiveWorld, type LiveWorld } from './helpers/live-world.js';
import { ClientPool } from './helpers/mqtt-clients.js';
import { readCredentials, startServe, type ServeProcess } from './helpers/serve-process.js';
import { TRANSPORTS } from './helpers/transports.js';

/** Everything a simulated town's secrets and log come to after a short run. */
async function shortRun(seed: number, secrets: SecretSource) {
  const sim = await Simulation.create({ seed, homes: 4, transport: 'direct', secrets });
  await sim.start();
  const tokens = loginWatchers(sim).map((c) => c.password);
  const sessionIds = tokens.map((token) => sim.cloud.sessions.validate(token)!.id);
  const deviceSecrets = sim.town.homes.map((home) => home.doorbell.credential);
  const serviceSecret = sim.broker.serviceCredentials('ingest').password;
  await sim.run(2 * HOUR_MS);
  await sim.stop();
  return { tokens, sessionIds, deviceSecrets, serviceSecret, digest: sim.world.log.digest(), events: sim.world.log.countsByType() };
}

describe('a world takes its credentials from its secret source', () => {
  it('seeded: the same seed gives the same tokens and secrets (a simulated run replays)', async () => {
    const first = await shortRun(3, SEEDED_SECRETS);
    const second = await shortRun(3, SEEDED_SECRETS);
    expect(second.tokens).toEqual(first.tokens);
    expect(second.deviceSecrets).toEqual(first.deviceSecrets);
    expect(second.serviceSecret).toBe(first.serviceSecret);
    expect(second.digest).toBe(first.digest);
  });

  it('cryptographic: the same seed gives the same event log, ids and town, but other secrets', async () => {
    const seeded = await shortRun(3, SEEDED_SECRETS);
    const first = await shortRun(3, CRYPTOGRAPHIC_SECRETS);
    const second = await shortRun(3, CRYPTOGRAPHIC_SECRETS);
    expect(first.events['cloud.login']).toBeGreaterThan(0);
    // The seeded streams advance by the same draws: ids and the whole log stay those of the seed.
    expect(first.digest).toBe(seeded.digest);
    expect(second.digest).toBe(first.digest);
    expect(second.sessionIds).toEqual(seeded.sessionIds);
    for (const run of [first, second]) {
      for (const secret of [...run.tokens, ...run.deviceSecrets, run.serviceSecret]) expect(secret).toMatch(/^[0-9a-f]{32}$/);
    }
    for (let i = 0; i < first.tokens.length; i++) {
      expect(first.tokens[i]).not.toBe(second.tokens[i]);
      expect(first.tokens[i]).not.toBe(seeded.tokens[i]);
    }
    for (let i = 0; i < first.deviceSecrets.length; i++) expect(first.deviceSecrets[i]).not.toBe(second.deviceSecrets[i]);
    expect(first.serviceSecret).not.toBe(second.serviceSecret);
    expect(first.serviceSecret).not.toBe(seeded.serviceSecret);
  });
});

describe('service principals log in from inside the process only', () => {
  let live: LiveWorld;
  let open: LiveWorld | undefined;
  const pools: ClientPool[] = [];
  const pool = (url: () => string) => {
    const created = new ClientPool(url);
    pools.push(created);
    return created;
  };

  beforeAll(async () => {
    live = await startLiveWorld({ homeIds: ['A'] });
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.closeAll()));
    await open?.close();
    open = undefined;
  });
  afterAll(async () => {
    await live?.close();
  });

  for (const transport of TRANSPORTS) {
    it(`refuses a service login over ${transport.name} with CONNACK 5, even with the right secret`, async () => {
      const credentials = live.broker.serviceCredentials('ingest');
      const before = refusals(live, 'broker.connect-refused').length;
      const refusal = await pool(() => transport.url(live.listeners)).refused({ clientId: `outsider-${transport.name}`, ...credentials });
      expect(refusal.code).toBe(5);
      const logged = refusals(live, 'broker.connect-refused').slice(before);
      expect(logged.map((e) => [e.clientId, e.username, e.reason])).toEqual([[`outsider-${transport.name}`, 'service:ingest', 'service principals connect in-process only']]);
    });
  }

  it('refuses a wrong service secret over TCP the same way (no oracle for guessing it)', async () => {
    const refusal = await pool(() => TRANSPORTS[0]!.url(live.listeners)).refused({ clientId: 'guesser', username: 'service:ingest', password: '0'.repeat(32) });
    expect(refusal.code).toBe(5);
  });

  it('accepts the same service credentials over an in-memory MQTT link, and devices over TCP', async () => {
    const link = await live.broker.link({ clientId: 'insider', ...live.broker.serviceCredentials('ingest') }, 'mqtt');
    await link.close();
    const device = live.homes['A']!.devices[0]!;
    const client = await pool(() => TRANSPORTS[0]!.url(live.listeners)).connect({ clientId: device.deviceId, username: device.deviceId, password: device.credential });
    expect(client.connected).toBe(true);
  });

  it('accepts a service login over TCP when the broker allows external services', async () => {
    open = await startLiveWorld({ homeIds: ['A'], broker: { allowExternalServices: true } });
    const opened = open;
    const client = await pool(() => TRANSPORTS[0]!.url(opened.listeners)).connect({ clientId: 'operator', ...opened.broker.serviceCredentials('ingest') });
    expect(await client.subscribe('$SYS/#')).toEqual([0]);
  });
});

/** The ingest service's secret as the seeded streams would make it: what anyone can compute from a seed. */
function seedDerivedIngestSecret(seed: number): string {
  return new World({ seed }).rng('broker/service-secrets').hex(16);
}

describe('smarthome-sim serve with the same seed twice', () => {
  let dir: string;
  const serves: ServeProcess[] = [];
  const pool = (url: string) => new ClientPool(() => url);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'serve-secrets-'));
  });
  afterAll(async () => {
    for (const serve of serves) serve.kill();
    await Promise.all(serves.map((s) => s.exited));
    rmSync(dir, { recursive: true, force: true });
  });

  it('issues different credentials (the same town, unpredictable keys to it)', async () => {
    const files = [join(dir, 'first.json'), join(dir, 'second.json')];
    // One at a time: two town start-ups at once are slow on a loaded 2-core machine.
    for (const file of files) {
      const serve = await startServe(['--port', '0', '--ws-port', '0', '--homes', '3', '--speed', '60', '--seed', '1', '--credentials-file', file]);
      serves.push(serve);
      // The attack of issue 12: the ingest service's secret recomputed from the default seed.
      const outsider = pool(`mqtt://127.0.0.1:${serve.tcpPort}`);
      expect((await outsider.refused({ clientId: 'outsider', username: 'service:ingest', password: seedDerivedIngestSecret(1) })).code).toBe(5);
      await outsider.closeAll();
      expect((await serve.stop()).code).toBe(0);
    }
    const [first, second] = files.map(readCredentials) as [ReturnType<typeof readCredentials>, ReturnType<typeof readCredentials>];
    expect(first.map((c) => [c.homeId, c.username])).toEqual(second.map((c) => [c.homeId, c.username]));
    expect(first).toHaveLength(3);
    for (let i = 0; i < first.length; i++) {
      expect(first[i]!.password).toMatch(/^[0-9a-f]{32}$/);
      expect(first[i]!.password).not.toBe(second[i]!.password);
    }
    expect(serves[0]!.stderr()).not.toContain('--allow-service-logins');
  });

  it('warns when service logins are allowed through the listeners', async () => {
    const serve = await startServe(['--port', '0', '--ws-port', '0', '--homes', '1', '--allow-service-logins']);
    serves.push(serve);
    expect(serve.stderr()).toMatch(/warning: --allow-service-logins: anyone who can reach the listeners/);
    // Let in by the flag, the seed-derived secret is still wrong: the real one is random.
    const outsider = pool(`mqtt://127.0.0.1:${serve.tcpPort}`);
    const refusal = await outsider.refused({ clientId: 'outsider', username: 'service:ingest', password: seedDerivedIngestSecret(1) });
    await outsider.closeAll();
    expect(refusal.code).toBe(4);
    expect((await serve.stop()).code).toBe(0);
  });
});
