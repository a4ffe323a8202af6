import { createServer } from 'node:http';
import type { LoginResult } from '../cloud/login-stage.js';
import { DefenseToggles } from '../defenses/toggle.js';
import { InputError } from '../runner/input-error.js';
import type { AssembledRun } from '../runner/assemble.js';
import { handleLoginApi, sendJson } from './login-api.js';
import { applyAction } from './replay.js';

export interface LoginApiServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The login API alone, for `serve --http-port`: the same handler as the demo's, applied to the
 * live run at once (serve keeps no replay file, so nothing is queued).
 */
export function startLoginApiServer(run: AssembledRun, host: string, port: number): Promise<LoginApiServer> {
  const toggles = new DefenseToggles(run.sim.cloud, run.sim.world, run.sim.broker);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    handleLoginApi(req, res, path, async (request) => applyAction(run, toggles, { ...request, atMs: run.sim.world.now() } as never) as LoginResult)
      .then((handled) => handled || sendJson(res, 404, { error: `${path}: only POST /api/login and /api/login/second-factor here` }))
      .catch((error: Error) => sendJson(res, 500, { error: error.message }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new InputError(`--http-port: port ${port} is in use; pick another, or 0 for any free port`) : error));
    server.listen(port, host, () =>
      resolve({
        port: (server.address() as { port: number }).port,
        close: () => {
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      }),
    );
  });
}
