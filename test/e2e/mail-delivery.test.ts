/**
 * Mail leaves through a mail API (Resend-compatible), here a local HTTP server standing in for
 * the provider: sent right after the request; a refused mail is retried by the next delivery
 * run (here the one after the next sign-up; the cron job runs the same code), never sent twice.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningServer, startServer } from './server';

interface Received {
  headers: IncomingHttpHeaders;
  body: { from: string; to: string; subject: string; text: string };
}

const received: Received[] = [];
let failing = false;
let api: Server;
let server: RunningServer;

beforeAll(async () => {
  const port = await freePort();
  api = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      if (failing) {
        res.writeHead(503).end('{"message":"try later"}');
        return;
      }
      received.push({ headers: req.headers, body: JSON.parse(data) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: String(received.length) }));
    });
  });
  await new Promise<void>((r) => api.listen(port, '127.0.0.1', r));
  server = await startServer({ vars: { MAIL_API_URL: `http://127.0.0.1:${port}/emails`, MAIL_API_KEY: 'test-key', MAIL_FROM: 'SMILE <hello@smile.test>' } });
});

afterAll(async () => {
  await server?.stop();
  await new Promise((r) => api?.close(r));
});

async function post(path: string, body: unknown, token?: string) {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
}

async function signUp(username: string) {
  const app = await (await post('/api/v1/apps', { client_name: 'mail test', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write' })).json();
  const appToken = (await (await post('/oauth/token', { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, scope: 'write' })).json()).access_token;
  const res = await post('/api/v1/accounts', { username, email: `${username}@example.com`, password: 'long enough password', agreement: true, locale: 'en' }, appToken);
  expect(res.status).toBe(200);
}

async function until<T>(what: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = what();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

const mailsTo = (to: string) => received.filter((m) => m.body.to === to);

describe('mail delivery', () => {
  it('sends the confirmation mail right after sign-up, with the key, sender and link', async () => {
    await signUp('mail_alice');
    const mail = await until(() => mailsTo('mail_alice@example.com')[0]);
    expect(mail.headers.authorization).toBe('Bearer test-key');
    expect(mail.headers['idempotency-key']).toMatch(/^\d{18}$/);
    expect(mail.body.from).toBe('SMILE <hello@smile.test>');
    expect(mail.body.subject).toBe('Confirm your e-mail address for SMILE');
    expect(mail.body.text).toContain(`${server.url}/auth/verify-email?token=`);
  });

  it('keeps a mail the provider refused and sends it, once, on the next delivery run', async () => {
    await signUp('mail_bob');
    await until(() => mailsTo('mail_bob@example.com')[0]);
    failing = true;
    const forgot = await post('/api/v1/auth/password/forgot', { email: 'mail_bob@example.com' });
    expect(forgot.status).toBe(202);
    await new Promise((r) => setTimeout(r, 1500));
    expect(mailsTo('mail_bob@example.com').map((m) => m.body.subject)).toEqual(['Confirm your e-mail address for SMILE']);

    failing = false;
    await signUp('mail_carol');
    const reset = await until(() => mailsTo('mail_bob@example.com').find((m) => m.body.subject === 'Reset your SMILE password'));
    expect(reset.body.text).toContain('/auth/reset-password?token=');
    await until(() => mailsTo('mail_carol@example.com')[0]);

    await signUp('mail_dave');
    await until(() => mailsTo('mail_dave@example.com')[0]);
    expect(mailsTo('mail_bob@example.com')).toHaveLength(2);
  });
});
