import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { LoginResult } from '../cloud/login-stage.js';
import type { ActionRequest } from './replay.js';

/**
 * The cloud's login API over HTTP for the classroom (`POST /api/login`, then
 * `POST /api/login/second-factor`), so students can aim curl or hydra at the same pipeline
 * and defences the simulated apps and attackers meet. Only the outcome is answered, never
 * the internal reason, as the in-process API (login-pipeline.ts). Bad input is refused with
 * 400 before the cloud sees anything: no attempt, no event, no state change.
 */

/** A login body is an e-mail and a password; 4 KiB is far more than any honest one. */
const MAX_BODY_BYTES = 4096;

const loginBody = z.strictObject({ email: z.string().max(320), password: z.string().max(1024) });
const secondFactorBody = z.strictObject({ ticket: z.string().max(128), code: z.string().max(32) });

/**
 * Every answered attempt is 200 with its outcome in the body, as many real login APIs do: a
 * 401 would make hydra's http-post-form take the API for HTTP authentication and stop.
 */
const ANSWERED = 200;

export type LoginSubmit = (request: ActionRequest & { kind: 'login' | 'second-factor' }) => Promise<LoginResult>;

/** The client's address as the cloud's per-IP defences see it (IPv4-mapped IPv6 unwrapped). */
export function clientIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

/** What the API answers for a result: the outcome, and the token or ticket that goes with it. */
export function loginAnswer(result: LoginResult): { status: number; body: Record<string, string> } {
  const body: Record<string, string> = { outcome: result.outcome };
  if (result.session) body.token = result.session.token;
  if (result.ticket) body.ticket = result.ticket;
  if (result.secondFactorMethod) body.secondFactorMethod = result.secondFactorMethod;
  return { status: ANSWERED, body };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/**
 * The body as JSON, or a message saying why it is not (too big, not JSON). A body sent as an
 * HTML form (`application/x-www-form-urlencoded`, what hydra's http-post-form sends) is read
 * as the object of its fields, so real password tools need no JSON escaping.
 */
export function readJsonBody(req: IncomingMessage, acceptForm = false): Promise<{ value: unknown } | { error: string; status: number }> {
  const form = acceptForm && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES && !done) {
        done = true;
        resolve({ error: `body: larger than ${MAX_BODY_BYTES} bytes`, status: 413 });
        req.resume();
      } else if (!done) chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const text = Buffer.concat(chunks).toString('utf8');
      if (form) return resolve({ value: Object.fromEntries(new URLSearchParams(text)) });
      try {
        resolve({ value: JSON.parse(text) });
      } catch {
        resolve({ error: 'body: not valid JSON', status: 400 });
      }
    });
    req.on('error', () => {
      if (!done) resolve({ error: 'body: could not be read', status: 400 });
      done = true;
    });
  });
}

/** Answers `POST /api/login` and `POST /api/login/second-factor`; false for any other path. */
export async function handleLoginApi(req: IncomingMessage, res: ServerResponse, path: string, submit: LoginSubmit): Promise<boolean> {
  if (path !== '/api/login' && path !== '/api/login/second-factor') return false;
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    sendJson(res, 405, { error: `${req.method}: use POST` });
    return true;
  }
  const body = await readJsonBody(req, true);
  if ('error' in body) {
    sendJson(res, body.status, { error: body.error });
    return true;
  }
  const ip = clientIp(req);
  const parsed = path === '/api/login' ? loginBody.safeParse(body.value) : secondFactorBody.safeParse(body.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    sendJson(res, 400, { error: `${issue.path.join('.') || 'body'}: ${issue.message}` });
    return true;
  }
  const result =
    path === '/api/login'
      ? await submit({ kind: 'login', ...(parsed.data as z.infer<typeof loginBody>), ip })
      : await submit({ kind: 'second-factor', ...(parsed.data as z.infer<typeof secondFactorBody>), ip });
  const answer = loginAnswer(result);
  sendJson(res, answer.status, answer.body);
  return true;
}
