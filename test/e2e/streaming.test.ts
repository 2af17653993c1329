/**
 * The streaming API over a real WebSocket against the real server (`wrangler dev`): the queue
 * consumer, the Durable Objects and the socket all run as they do in production.
 */
import { createOAuthAPIClient, createRestAPIClient } from 'masto';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { sharedServer } from './server';

const OOB = 'urn:ietf:wg:oauth:2.0:oob';

const server = sharedServer();

async function signUp(username: string) {
  const anon = createRestAPIClient({ url: server.url });
  const app = await anon.v1.apps.create({ clientName: 'streaming e2e', redirectUris: OOB, scopes: 'read write follow' });
  const oauth = createOAuthAPIClient({ url: server.url });
  const appToken = await oauth.token.create({ grantType: 'client_credentials', clientId: app.clientId!, clientSecret: app.clientSecret!, redirectUri: OOB, scope: 'read write follow' });
  const asApp = createRestAPIClient({ url: server.url, accessToken: appToken.accessToken });
  const token = await asApp.v1.accounts.create({ username, email: `${username}@example.com`, password: 'a long password', agreement: true, locale: 'en' });
  const client = createRestAPIClient({ url: server.url, accessToken: token.accessToken });
  return { token: token.accessToken, client, account: await client.v1.accounts.verifyCredentials() };
}

interface Frame {
  stream?: string[];
  event?: string;
  payload?: string;
}

describe('streaming over a real WebSocket', () => {
  it('subscribes to user and public and receives a followed account’s post as update on both', async () => {
    const [me, author] = await Promise.all([signUp('stream_reader'), signUp('stream_author')]);
    await me.client.v1.accounts.$select(author.account.id).follow();

    // The token as subprotocol, as browsers send it: ws fails the handshake unless the server echoes it.
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/streaming`, [me.token]);
    const frames: Frame[] = [];
    ws.on('message', (data) => {
      frames.push(JSON.parse(data.toString()) as Frame);
    });
    await new Promise<void>((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    expect(ws.protocol).toBe(me.token);
    ws.send(JSON.stringify({ type: 'subscribe', stream: 'user' }));
    ws.send(JSON.stringify({ type: 'subscribe', stream: 'public' }));
    await new Promise((r) => setTimeout(r, 300));

    const status = await author.client.v1.statuses.create({ status: 'live from the e2e test' });
    const deadline = Date.now() + 10_000;
    const updates = () => frames.filter((f) => f.event === 'update' && (JSON.parse(f.payload!) as { id: string }).id === status.id);
    while (updates().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    ws.close();
    expect(updates().map((f) => f.stream![0]).sort(), server.output()).toEqual(['public', 'user']);
  });
});
