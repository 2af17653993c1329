/**
 * Live streaming against the real server (`wrangler dev`) with real WebSocket clients: a
 * broadcaster's WebM chunks reach 20 viewers complete and in order, a late joiner gets the
 * initialisation segment first, and the replay is the broadcast.
 */
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { sharedServer } from './server';

const server = sharedServer();

async function api<T = Record<string, any>>(path: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function signUp(username: string): Promise<string> {
  const app = await api('/api/v1/apps', { body: { client_name: 'live e2e', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write' } });
  const appToken = await api('/oauth/token', { body: { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, scope: 'read write' } });
  const user = await api('/api/v1/accounts', { token: appToken.access_token, body: { username, email: `${username}@example.com`, password: 'a long password', agreement: true, locale: 'en' } });
  return user.access_token as string;
}

interface Client {
  ws: WebSocket;
  chunks: Buffer[];
  texts: Record<string, any>[];
}

async function open(url: string, protocol?: string): Promise<Client> {
  const ws = new WebSocket(url, protocol ? [protocol] : []);
  const client: Client = { ws, chunks: [], texts: [] };
  ws.on('message', (data, isBinary) => {
    if (isBinary) client.chunks.push(data);
    else client.texts.push(JSON.parse(data.toString()));
  });
  await new Promise<void>((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('error', reject);
  });
  return client;
}

async function until(done: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Chunk `i`: a distinct size and fill, so a missing, repeated or reordered chunk shows. */
const chunk = (i: number) => Buffer.alloc(2000 + i, i % 256);

describe('live streaming over real WebSockets', () => {
  it('relays every chunk in order to 20 viewers, gives a late joiner the init segment first, and records the replay', async () => {
    const token = await signUp(`live_e2e_${Date.now().toString(36)}`);
    const stream = await api('/api/v1/live', { token, body: { title: 'e2e broadcast' } });
    const ws = server.url.replace('http', 'ws');
    const broadcaster = await open(`${ws}/api/v1/live/${stream.id}/broadcast`, token);
    const viewers = await Promise.all(Array.from({ length: 20 }, () => open(stream.watch_url.replace(/^ws:\/\/[^/]+/, ws))));
    await until(() => broadcaster.texts.some((f) => f.type === 'viewers' && f.count === 20), '20 viewers');

    const sent = Array.from({ length: 40 }, (_, i) => chunk(i));
    for (const c of sent) broadcaster.ws.send(c);
    await until(() => viewers.every((v) => v.chunks.length >= 40), 'every viewer to receive 40 chunks');
    for (const v of viewers) expect(v.chunks).toEqual(sent);

    const late = await open(`${ws}/api/v1/live/${stream.id}/watch`);
    await until(() => late.chunks.length >= 1, 'the init segment');
    for (let i = 40; i < 45; i++) broadcaster.ws.send(chunk(i));
    await until(() => late.chunks.length >= 6, 'the late joiner to catch up');
    expect(late.chunks).toEqual([chunk(0), ...[40, 41, 42, 43, 44].map(chunk)]);

    const ended = await api(`/api/v1/live/${stream.id}/end`, { token, body: {} });
    await until(() => late.texts.some((f) => f.type === 'ended'), 'the ended frame');
    const replay = Buffer.from(await (await fetch(ended.replay_url)).arrayBuffer());
    expect(replay.equals(Buffer.concat([...sent, ...[40, 41, 42, 43, 44].map(chunk)]))).toBe(true);
  });
});
