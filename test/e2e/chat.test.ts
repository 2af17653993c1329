/**
 * Chat rooms against the real server (`wrangler dev`) with real `ws` clients (docs/chat.md):
 * three people and an agent in a group, one total order for everyone, a dropped client that
 * resumes with exactly what it missed, a retried send stored once, a picture whose address is this
 * server's, refusals before the upgrade, and a restart of the server on the same state that keeps
 * the room.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from './browser';
import { type RunningServer, startServer } from './server';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const wsUrl = (path: string) => `${server.url.replace('http', 'ws')}${path}`;

async function call(path: string, init: { token?: string; body?: unknown; method?: string } = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function api<T = Record<string, any>>(path: string, init: { token?: string; body?: unknown; method?: string } = {}): Promise<T> {
  const res = await call(path, init);
  if (!res.ok) throw new Error(`${init.method ?? (init.body === undefined ? 'GET' : 'POST')} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Person {
  token: string;
  id: string;
  username: string;
}

const suffix = Date.now().toString(36);

async function signUp(name: string): Promise<Person> {
  const username = `${name}_${suffix}`;
  const app = await api('/api/v1/apps', { body: { client_name: 'chat e2e', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write' } });
  const appToken = await api('/oauth/token', { body: { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, scope: 'read write' } });
  const user = await api('/api/v1/accounts', { token: appToken.access_token, body: { username, email: `${username}@example.com`, password: 'a long password', agreement: true, locale: 'en' } });
  const token = user.access_token as string;
  const account = await api('/api/v1/accounts/verify_credentials', { token });
  return { token, id: account.id, username };
}

type Frame = Record<string, any> & { type: string };

interface Room {
  ws: WebSocket;
  frames: Frame[];
  closed: Promise<number>;
  send(frame: unknown): void;
  /** The first frame after index `from` (received or still to come) that matches. */
  next(match: (f: Frame) => boolean, from?: number): Promise<Frame>;
  /** Ids of the messages this socket saw stored, in order: its own acks and others' messages. */
  ids(): string[];
}

async function until<T>(probe: () => T | undefined, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens a room socket and waits for `ready`. The token goes as a header, as the subprotocol, or not at all. */
async function openRoom(chatId: string, token: string | null, { via = 'header', after }: { via?: 'header' | 'protocol'; after?: string } = {}): Promise<Room> {
  const url = wsUrl(`/api/v1/chats/${chatId}/socket${after ? `?after=${after}` : ''}`);
  const ws = token && via === 'protocol' ? new WebSocket(url, [token]) : new WebSocket(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const frames: Frame[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString()) as Frame));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('error', reject);
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  if (token && via === 'protocol') expect(ws.protocol).toBe(token);
  const room: Room = {
    ws,
    frames,
    closed,
    send: (f) => ws.send(typeof f === 'string' ? f : JSON.stringify(f)),
    next: (match, from = 0) => until(() => frames.slice(from).find(match), 'a frame'),
    ids: () => frames.flatMap((f) => (f.type === 'ack' || f.type === 'message' ? [f.message.id as string] : [])),
  };
  await room.next((f) => f.type === 'ready');
  return room;
}

/** The HTTP status of a refused upgrade (ws's `unexpected-response`); fails if the socket opens. */
async function refusedUpgrade(chatId: string, token: string | null): Promise<number> {
  const ws = new WebSocket(wsUrl(`/api/v1/chats/${chatId}/socket`), token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return new Promise<number>((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      ws.close();
      reject(new Error('the socket opened'));
    });
    ws.on('error', (err) => reject(err));
  });
}

const messagesOf = (room: Room, id: string) => room.frames.filter((f) => (f.type === 'message' || f.type === 'ack') && f.message.id === id);
const history = async (chatId: string, token: string) => (await api<any[]>(`/api/v1/chats/${chatId}/messages?limit=40`, { token })).reverse();

describe('chat rooms over real WebSockets', () => {
  let a: Person, b: Person, c: Person;
  let agent: { id: string; account: { id: string; username: string } };
  let chat: Record<string, any>;
  let rooms: { a: Room; a2: Room; b: Room; c: Room };

  it('three people and an agent: one message each, the agent streams to everyone, one order for all', async () => {
    [a, b, c] = await Promise.all([signUp('chat_ada'), signUp('chat_ben'), signUp('chat_cy')]);
    agent = await api('/api/v1/agents', { token: a.token, body: { username: `chat_bot_${suffix}`, template: 'entertainer' } });
    chat = await api('/api/v1/chats', { token: a.token, body: { account_ids: [b.id, c.id, agent.account.id], title: 'Crew' } });
    expect(chat.kind).toBe('group');
    expect(chat.members).toHaveLength(4);

    rooms = {
      a: await openRoom(chat.id, a.token, { via: 'protocol' }),
      a2: await openRoom(chat.id, a.token),
      b: await openRoom(chat.id, b.token),
      c: await openRoom(chat.id, c.token),
    };
    const everyone = Object.values(rooms);

    rooms.a.send({ type: 'send', client_id: 'hello-1', text: 'hello crew' });
    const ack = await rooms.a.next((f) => f.type === 'ack' && f.client_id === 'hello-1');
    expect(ack.message).toMatchObject({ account_id: a.id, text: 'hello crew', agent: false, client_id: 'hello-1' });
    for (const r of [rooms.a2, rooms.b, rooms.c]) await r.next((f) => f.type === 'message' && f.message.id === ack.message.id);

    rooms.b.send({ type: 'send', client_id: 'ask-1', text: `@${agent.account.username} tell us a joke` });
    const asked = await rooms.b.next((f) => f.type === 'ack' && f.client_id === 'ask-1');
    const replies = await Promise.all(everyone.map((r) => r.next((f) => f.type === 'message' && f.message.agent === true)));
    const reply = replies[0]!.message;
    expect(reply).toMatchObject({ account_id: agent.account.id, reply_to_id: asked.message.id, agent: true });
    expect(reply.text.length).toBeGreaterThan(0);
    await pause(500);

    for (const r of everyone) {
      // Each stored message reached each socket exactly once: as an ack to its sender, a message to the rest.
      expect(messagesOf(r, ack.message.id)).toHaveLength(1);
      expect(messagesOf(r, asked.message.id)).toHaveLength(1);
      expect(messagesOf(r, reply.id)).toHaveLength(1);
      // The answer streamed in before it was stored, and the pieces are the answer.
      const deltas = r.frames.filter((f) => f.type === 'agent.delta');
      expect(deltas.length).toBeGreaterThan(0);
      expect(deltas.every((d) => d.account_id === agent.account.id && d.reply_to_id === asked.message.id)).toBe(true);
      expect(deltas.map((d) => d.delta).join('')).toBe(reply.text);
      expect(r.frames.indexOf(deltas.at(-1)!)).toBeLessThan(r.frames.findIndex((f) => f.type === 'message' && f.message.id === reply.id));
      // The frames themselves, in the same order for everyone (acks stand for the sender's messages).
      expect(r.ids()).toEqual([ack.message.id, asked.message.id, reply.id]);
    }
    // The streamed pieces too: the same ones, in the same order, on every socket.
    const pieces = everyone.map((r) => r.frames.filter((f) => f.type === 'agent.delta').map((d) => d.delta));
    for (const p of pieces) expect(p).toEqual(pieces[0]);
    expect(rooms.a.frames.filter((f) => f.type === 'ack').map((f) => f.message.id)).toEqual([ack.message.id]);
    expect(rooms.a2.frames.some((f) => f.type === 'ack')).toBe(false);
    expect([...rooms.b.ids()].sort()).toEqual(rooms.b.ids());
    expect((await history(chat.id, c.token)).map((m) => m.id)).toEqual(rooms.c.ids());
  });

  it('a dropped client resumes with exactly the messages it missed, in order, before ready', async () => {
    // Everyone is in step first, so B's last seen id is the room's last id.
    rooms.a.send({ type: 'send', client_id: 'before-drop', text: 'still here?' });
    const before = await rooms.a.next((f) => f.type === 'ack' && f.client_id === 'before-drop');
    await rooms.b.next((f) => f.type === 'message' && f.message.id === before.message.id);
    const lastSeen = rooms.b.ids().at(-1)!;
    expect(lastSeen).toBe(before.message.id);
    rooms.b.ws.terminate();
    await rooms.b.closed;

    // Five messages from A and C, interleaved, over the socket and over REST.
    const sent: string[] = [];
    const overSocket = async (room: Room, clientId: string, text: string) => {
      room.send({ type: 'send', client_id: clientId, text });
      sent.push((await room.next((f) => f.type === 'ack' && f.client_id === clientId)).message.id);
    };
    const overRest = async (who: Person, clientId: string, text: string) => {
      const res = await call(`/api/v1/chats/${chat.id}/messages`, { token: who.token, body: { client_id: clientId, text } });
      expect(res.status).toBe(201);
      sent.push(((await res.json()) as { id: string }).id);
    };
    await overSocket(rooms.a, 'gap-1', 'one (A, socket)');
    await overRest(c, 'gap-2', 'two (C, REST)');
    await overRest(a, 'gap-3', 'three (A, REST)');
    await overSocket(rooms.c, 'gap-4', 'four (C, socket)');
    await overSocket(rooms.a, 'gap-5', 'five (A, socket)');
    expect([...sent].sort()).toEqual(sent);

    const back = await openRoom(chat.id, b.token, { after: lastSeen });
    const ready = back.frames.findIndex((f) => f.type === 'ready');
    const backlog = back.frames.slice(0, ready);
    expect(backlog.map((f) => f.type)).toEqual(['message', 'message', 'message', 'message', 'message']);
    expect(backlog.map((f) => f.message.id)).toEqual(sent);
    expect(backlog.map((f) => f.message.text)).toEqual(['one (A, socket)', 'two (C, REST)', 'three (A, REST)', 'four (C, socket)', 'five (A, socket)']);
    expect(back.frames[ready]).toMatchObject({ chat_id: chat.id, last_id: sent.at(-1) });
    await pause(500);
    expect(back.frames.slice(ready + 1).filter((f) => f.type === 'message')).toEqual([]);
    rooms.b = back;

    // The live sockets saw the same five, once each, in the same order.
    for (const r of [rooms.a, rooms.a2, rooms.c]) {
      await r.next((f) => (f.type === 'message' || f.type === 'ack') && f.message.id === sent.at(-1));
      expect(r.ids().slice(-6)).toEqual([lastSeen, ...sent]);
    }
    expect((await history(chat.id, b.token)).map((m) => m.id).slice(-6)).toEqual([lastSeen, ...sent]);
  });

  it('a retried send (socket twice, then REST) is stored once and acknowledged with the same message', async () => {
    const marks = Object.fromEntries(Object.entries(rooms).map(([k, r]) => [k, r.frames.length])) as Record<keyof typeof rooms, number>;
    const frame = { type: 'send', client_id: 'retry-me', text: 'sent on a flaky network' };
    rooms.a.send(frame);
    rooms.a.send(frame);
    await until(() => (rooms.a.frames.slice(marks.a).filter((f) => f.type === 'ack' && f.client_id === 'retry-me').length >= 2 ? true : undefined), 'two acks');
    const acks = rooms.a.frames.slice(marks.a).filter((f) => f.type === 'ack' && f.client_id === 'retry-me');
    expect(acks[1]!.message.id).toBe(acks[0]!.message.id);
    const id = acks[0]!.message.id as string;

    const again = await call(`/api/v1/chats/${chat.id}/messages`, { token: a.token, body: { client_id: 'retry-me', text: 'sent on a flaky network' } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(id);

    await pause(700);
    for (const key of ['a2', 'b', 'c'] as const) {
      const got = rooms[key].frames.slice(marks[key]).filter((f) => f.type === 'message');
      expect(got.map((f) => f.message.id), key).toEqual([id]);
    }
    expect(rooms.a.frames.slice(marks.a).filter((f) => f.type === 'error')).toEqual([]);
    const stored = (await history(chat.id, b.token)).filter((m) => m.client_id === 'retry-me');
    expect(stored.map((m) => m.id)).toEqual([id]);
  });

  it("a picture sent in the room links to this server, whose rooms run in the chat Worker", async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(png(8, 8, [200, 40, 40]))], { type: 'image/png' }), 'red.png');
    const upload = await fetch(`${server.url}/api/v2/media`, { method: 'POST', headers: { authorization: `Bearer ${a.token}` }, body: form });
    expect(upload.status).toBeLessThan(300);
    const media = (await upload.json()) as { id: string };
    const mark = rooms.b.frames.length;
    rooms.a.send({ type: 'send', client_id: 'picture-1', text: 'red', media_ids: [media.id] });
    const got = await rooms.b.next((f) => f.type === 'message' && f.message.client_id === 'picture-1', mark);
    // The room's Worker has its own vars (wrangler.chat.jsonc): this server's address must reach it.
    const url = got.message.media_attachments[0].url as string;
    expect(url.startsWith(`${server.url}/media/`)).toBe(true);
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
  });

  it('refuses outsiders before the upgrade, answers bad frames with error frames, and closes a removed member with 4403', async () => {
    const stranger = await signUp('chat_dee');
    expect(await refusedUpgrade(chat.id, stranger.token)).toBe(403);
    expect(await refusedUpgrade(chat.id, null)).toBe(401);
    expect(await refusedUpgrade(chat.id, 'not-a-token')).toBe(401);
    expect((await call(`/api/v1/chats/${chat.id}/messages`, { token: stranger.token })).status).toBe(403);

    const mark = rooms.c.frames.length;
    rooms.c.send('{not json');
    rooms.c.send({ type: 'send', client_id: 'blank', text: '   ' });
    rooms.c.send({ type: 'shout', text: 'what is this' });
    await until(() => (rooms.c.frames.slice(mark).filter((f) => f.type === 'error').length >= 3 ? true : undefined), 'three error frames');
    const errors = rooms.c.frames.slice(mark).filter((f) => f.type === 'error');
    expect(errors.map((e) => e.status)).toEqual([400, 400, 400]);
    expect(errors[1]!.client_id).toBe('blank');
    rooms.c.send({ type: 'send', client_id: 'after-errors', text: 'still works' });
    const ok = await rooms.c.next((f) => f.type === 'ack' && f.client_id === 'after-errors', mark);
    await rooms.b.next((f) => f.type === 'message' && f.message.id === ok.message.id);
    expect(rooms.c.ws.readyState).toBe(WebSocket.OPEN);

    const removed = await call(`/api/v1/chats/${chat.id}/members/${c.id}`, { token: a.token, method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(await rooms.c.closed).toBe(4403);
    expect(await refusedUpgrade(chat.id, c.token)).toBe(403);
    // The others are told who is left.
    const members = await rooms.b.next((f) => f.type === 'members');
    expect(members.chat.members.map((m: { account: { id: string } }) => m.account.id)).not.toContain(c.id);
  });

  it('keeps the room across a restart of the server on the same state: history, order and resume', async () => {
    for (const r of Object.values(rooms)) r.ws.terminate();
    const before = await history(chat.id, a.token);
    const lastSeenByB = before.at(-3)!.id as string;

    const { state, port } = server;
    await server.stop({ keepState: true });
    // The same port, so the URL the tokens were issued for stays the server's.
    server = await startServer({ state, port });

    expect(await history(chat.id, a.token)).toEqual(before);
    // The D1 index has the newest message too: written before the restart, or by the room's
    // alarm, which outlives it (the room gathers index changes for 2 s).
    await expect.poll(async () => (await api(`/api/v1/chats/${chat.id}`, { token: b.token })).last_message?.id, { timeout: 15_000, interval: 250 }).toBe(before.at(-1)!.id);
    const back = await openRoom(chat.id, b.token, { after: lastSeenByB });
    const ready = back.frames.findIndex((f) => f.type === 'ready');
    expect(back.frames.slice(0, ready).map((f) => f.message.id)).toEqual(before.slice(-2).map((m) => m.id));

    // The room goes on where it stopped: a new message sorts after everything before the restart.
    const ada = await openRoom(chat.id, a.token, { via: 'protocol' });
    ada.send({ type: 'send', client_id: 'after-restart', text: 'we are back' });
    const ack = await ada.next((f) => f.type === 'ack' && f.client_id === 'after-restart');
    expect(ack.message.id > before.at(-1)!.id).toBe(true);
    await back.next((f) => f.type === 'message' && f.message.id === ack.message.id);
    // A retry of a send from before the restart is still recognised.
    ada.send({ type: 'send', client_id: 'retry-me', text: 'sent on a flaky network' });
    const retried = await ada.next((f) => f.type === 'ack' && f.client_id === 'retry-me');
    expect(before.filter((m) => m.client_id === 'retry-me').map((m) => m.id)).toEqual([retried.message.id]);
    expect((await history(chat.id, b.token)).map((m) => m.id)).toEqual([...before.map((m) => m.id), ack.message.id]);
    ada.ws.close();
    back.ws.close();
  });
});
