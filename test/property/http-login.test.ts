import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import { describe, expect, test } from 'vitest';
import { builtInScenario } from '../../scenarios/index.js';
import type { LoginResult } from '../../simulator/cloud/login-stage.js';
import { applyAction } from '../../simulator/demo/replay.js';
import { handleLoginApi, loginAnswer } from '../../simulator/demo/login-api.js';
import { DefenseToggles } from '../../simulator/defenses/toggle.js';
import { assembleRun, type AssembledRun } from '../../simulator/runner/assemble.js';
import { propTimeout, runs } from './support/fc-config.js';
import { assertAsyncProperty } from './support/regressions.js';

/** Two worlds of one seed: one answers over HTTP, the other in-process; rate limit, lockout and 2FA on. */
const DEFENSES = 'rate-limit-ip,lockout,2fa-mandatory';

async function town(): Promise<AssembledRun> {
  const run = await assembleRun(builtInScenario('baseline'), { seed: 5, homes: 3, defenses: DEFENSES, transport: 'direct', retainLog: true });
  await run.start();
  return run;
}

function serve(run: AssembledRun): Promise<{ server: Server; url: string }> {
  const toggles = new DefenseToggles(run.sim.cloud, run.sim.world, run.sim.broker);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    void handleLoginApi(req, res, path, async (request) => applyAction(run, toggles, { ...request, atMs: run.sim.world.now() } as never) as LoginResult);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

async function post(url: string, body: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, body: await res.json() };
}

/** One attempt: whose account (a home, or an unknown address), the right password or not, a code after a ticket. */
const attempt = fc.record({ home: fc.integer({ min: -1, max: 2 }), rightPassword: fc.boolean(), code: fc.constantFrom('000000', '123456', 'nope') });

describe('the HTTP login API', () => {
  test(
    'INV-HTTP-1: POST /api/login and /api/login/second-factor answer as the in-process pipeline does for the same attempts',
    async () => {
      await assertAsyncProperty(
        'INV-HTTP-1',
        fc.asyncProperty(fc.array(attempt, { minLength: 1, maxLength: 25 }), async (attempts) => {
          const [overHttp, inProcess] = [await town(), await town()];
          const { server, url } = await serve(overHttp);
          const toggles = new DefenseToggles(inProcess.sim.cloud, inProcess.sim.world, inProcess.sim.broker);
          try {
            for (const a of attempts) {
              const home = a.home >= 0 ? inProcess.sim.town.homes[a.home]! : undefined;
              const email = home?.owner.email ?? 'nobody@example.test';
              const password = home && a.rightPassword ? home.password : 'wrong password';
              const viaHttp = await post(`${url}/api/login`, JSON.stringify({ email, password }));
              const direct = applyAction(inProcess, toggles, { atMs: 0, kind: 'login', email, password, ip: '127.0.0.1' }) as LoginResult;
              const expected = loginAnswer(direct);
              expect(viaHttp).toEqual({ status: expected.status, body: expected.body });
              if (direct.ticket) {
                const codeHttp = await post(`${url}/api/login/second-factor`, JSON.stringify({ ticket: direct.ticket, code: a.code }));
                const codeDirect = loginAnswer(applyAction(inProcess, toggles, { atMs: 0, kind: 'second-factor', ticket: direct.ticket, code: a.code, ip: '127.0.0.1' }) as LoginResult);
                expect(codeHttp).toEqual({ status: codeDirect.status, body: codeDirect.body });
              }
            }
            expect(overHttp.sim.world.log.digest()).toBe(inProcess.sim.world.log.digest());
          } finally {
            server.close();
            await Promise.all([overHttp.sim.stop(), inProcess.sim.stop()]);
          }
        }),
        { numRuns: runs(8) },
      );
    },
    propTimeout(),
  );

  test('INV-HTTP-2: bad JSON or a wrong shape is a 400 and changes nothing: no attempt, no event', async () => {
    const run = await town();
    const { server, url } = await serve(run);
    try {
      const before = { size: run.sim.world.log.size, digest: run.sim.world.log.digest() };
      for (const body of ['{bad', '', '[]', '{"email":"a@b.c"}', '{"email":1,"password":"x"}', '{"email":"a","password":"b","extra":1}']) {
        const answer = await post(`${url}/api/login`, body);
        expect(answer.status, body).toBe(400);
        expect(JSON.stringify(answer.body), body).toMatch(/error/);
      }
      expect((await post(`${url}/api/login/second-factor`, '{"ticket":5}')).status).toBe(400);
      expect({ size: run.sim.world.log.size, digest: run.sim.world.log.digest() }).toEqual(before);
    } finally {
      server.close();
      await run.sim.stop();
    }
  });
});
