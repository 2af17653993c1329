/**
 * Talking to an agent: the SSE stream, the context (training data, memory, style), "why this
 * reply", and who may talk and read. Memory across sessions is in agent-chat-memory.test.ts.
 */
import { env, evictDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { SLANG_WORDS } from '../../workers/api/ai/builtin/style';
import { CHAT_RATE } from '../../workers/api/agents/chat.service';
import { type TestUser, call, count, createAgent, json, signUp } from './helpers';
import { chat, parseSse } from './agent-chat.helpers';
import { settled, upload } from './training.helpers';

let owner: TestUser;
let person: TestUser;
let agentId: string;

beforeAll(async () => {
  [owner, person] = await Promise.all([signUp(), signUp()]);
  agentId = (await createAgent(owner, { style: 'formal', display_name: 'Keeper', note: 'I keep the lighthouse records of the coast.' })).id;
  const file = await json(await upload(owner, agentId, 'lighthouses.txt', 'The lighthouse on Kestrel Point was built in 1887. Its lamp burns whale oil no longer; it has been electric since 1931.\n\nThe keeper rows to the mainland every Sunday.'));
  expect((await settled(owner, agentId, file.id)).status).toBe('ready');
});

describe('agent chat: the stream', () => {
  it('streams message, then tokens, then done, and the tokens are the stored reply', async () => {
    const { res, events, reply, streamed } = await chat(person, agentId, 'Hello there, who are you?');
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(events[0]).toMatchObject({ event: 'message', data: { message: { role: 'person', text: 'Hello there, who are you?', explanation: null } } });
    expect(events.at(-1)!.event).toBe('done');
    const middle = events.slice(1, -1);
    expect(middle.length).toBeGreaterThan(0);
    expect(middle.every((e) => e.event === 'token')).toBe(true);
    expect(reply).toMatchObject({ role: 'agent', text: streamed });
    expect(BigInt(reply.id)).toBeGreaterThan(BigInt(events[0]!.data.message.id));
  });

  it('answers a question with a fact from its training data, and says which passage it used', async () => {
    const { reply } = await chat(person, agentId, 'When was the Kestrel Point lighthouse built?');
    expect(reply.text).toContain('1887');
    expect(reply.explanation.snippets[0]).toMatchObject({ source: 'lighthouses.txt', text: expect.stringContaining('1887') });
    expect(reply.explanation).toMatchObject({ style: 'formal', persona_version: 1, moderation: 'allow' });
  });

  it('explains which memories it used', async () => {
    await chat(person, agentId, 'I prefer earl grey tea.');
    const { reply } = await chat(person, agentId, 'What tea do I prefer?');
    expect(reply.text.toLowerCase()).toContain('earl grey');
    expect(reply.explanation.memories).toEqual([{ id: expect.any(String), text: 'You prefer earl grey tea' }]);
  });

  it('keeps a formal agent free of slang and contractions', async () => {
    for (const message of ['hey, what is up with the lamp?', 'tell me about the keeper, it is awesome', 'gonna visit soon, wanna come?']) {
      const { reply } = await chat(person, agentId, message);
      const words: string[] = reply.text.toLowerCase().match(/[a-z']+/g) ?? [];
      expect(words.filter((w) => SLANG_WORDS.includes(w)), reply.text).toEqual([]);
      expect(reply.text).not.toMatch(/\b(?:it's|don't|can't|i'm|won't)\b/i);
    }
  });
});

describe('agent chat: refusals', () => {
  it('refuses a paused agent with 409', async () => {
    const paused = (await createAgent(owner)).id;
    await call(`/api/v1/agents/${paused}/pause`, { token: owner.token, method: 'POST' });
    const res = await call(`/api/v1/agents/${paused}/chat`, { token: person.token, json: { message: 'hello?' } });
    expect(res.status).toBe(409);
  });

  it("answers 404 for someone else's private agent, and lets its owner talk to it", async () => {
    const secret = (await createAgent(owner, { visibility: 'private' })).id;
    expect((await call(`/api/v1/agents/${secret}/chat`, { token: person.token, json: { message: 'hello?' } })).status).toBe(404);
    expect((await call(`/api/v1/agents/${secret}/memory`, { token: person.token })).status).toBe(404);
    expect((await chat(owner, secret, 'hello?')).reply.role).toBe('agent');
  });

  it('refuses a message with a slur (422) and stores nothing of it', async () => {
    const res = await call(`/api/v1/agents/${agentId}/chat`, { token: person.token, json: { message: 'you are a k1ke' } });
    expect(res.status).toBe(422);
    expect((await json(res)).details.message[0].error).toBe('ERR_MODERATION');
    const history = await json<any[]>(await call(`/api/v1/agents/${agentId}/chat?limit=40`, { token: person.token }));
    expect(history.some((m) => m.text.includes('k1ke'))).toBe(false);
  });

  it('validates the message', async () => {
    for (const message of ['', '   ', 'x'.repeat(2001)]) {
      expect((await call(`/api/v1/agents/${agentId}/chat`, { token: person.token, json: { message } })).status).toBe(422);
    }
    expect((await call(`/api/v1/agents/${agentId}/chat`, { json: { message: 'hi' } })).status).toBe(401);
  });

  it('refuses a revoked token with 401, storing nothing (the session is confirmed with the message\'s first read)', async () => {
    const leaving = await signUp();
    expect((await call('/api/v1/auth/logout', { method: 'POST', token: leaving.token })).status).toBe(200);
    const res = await call(`/api/v1/agents/${agentId}/chat`, { token: leaving.token, json: { message: 'Hello after logging out' } });
    expect(res.status).toBe(401);
    expect(await count('agent_sessions', 'person_id = ?', leaving.id)).toBe(0);
  });

  it(`allows ${CHAT_RATE.max} messages a minute, then 429 with Retry-After`, async () => {
    const chatty = await signUp();
    const now = Date.now();
    const windowStart = Math.floor(now / 60_000) * 60_000;
    // The window is filled directly: 30 streamed replies would only slow the suite down.
    await env.DB.prepare('INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, ?)').bind(`agent-chat:${chatty.id}`, windowStart, CHAT_RATE.max - 1).run();
    const last = await call(`/api/v1/agents/${agentId}/chat`, { token: chatty.token, json: { message: 'one more' } });
    if (Math.floor(Date.now() / 60_000) * 60_000 !== windowStart) return; // the minute turned over mid-test: nothing to assert
    expect(last.status).toBe(200);
    await last.text();
    const over = await call(`/api/v1/agents/${agentId}/chat`, { token: chatty.token, json: { message: 'and another' } });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('agent chat: history and privacy', () => {
  it('pages the history newest first with a Link header', async () => {
    const pager = await signUp();
    for (const m of ['first thing', 'second thing', 'third thing']) await chat(pager, agentId, m);
    const res = await call(`/api/v1/agents/${agentId}/chat?limit=4`, { token: pager.token });
    const page = await json<any[]>(res);
    expect(page.map((m) => m.role)).toEqual(['agent', 'person', 'agent', 'person']);
    expect(page[1].text).toBe('third thing');
    expect(res.headers.get('link')).toMatch(/max_id=/);
    const older = await json<any[]>(await call(`/api/v1/agents/${agentId}/chat?limit=4&max_id=${page.at(-1).id}`, { token: pager.token }));
    expect(older.map((m) => m.text).filter((_, i) => i % 2 === 1)).toEqual(['first thing']);
    const newer = await json<any[]>(await call(`/api/v1/agents/${agentId}/chat?min_id=${older[0].id}&limit=2`, { token: pager.token }));
    expect(newer.map((m) => m.id)).toEqual([page.at(-2).id, page.at(-1).id]);
  });

  it('shows my conversation and memory to me only, not to another person nor to the owner', async () => {
    const me = await signUp();
    await chat(me, agentId, 'My name is Quentin and I live in Lyon.');
    for (const other of [person, owner]) {
      const history = await json<any[]>(await call(`/api/v1/agents/${agentId}/chat`, { token: other.token }));
      expect(history.some((m) => m.text.includes('Quentin'))).toBe(false);
      const memory = await json(await call(`/api/v1/agents/${agentId}/memory`, { token: other.token }));
      expect(JSON.stringify(memory)).not.toContain('Quentin');
    }
    const mine = await json(await call(`/api/v1/agents/${agentId}/memory`, { token: me.token }));
    expect(mine.facts.map((f: any) => f.text).sort()).toEqual(['You live in Lyon', 'Your name is Quentin']);
    // Another person cannot touch my facts either, even with their ids.
    const factId = mine.facts[0].id;
    expect((await call(`/api/v1/agents/${agentId}/memory/facts/${factId}`, { token: person.token, method: 'DELETE' })).status).toBe(404);
    expect((await call(`/api/v1/agents/${agentId}/memory/facts/${factId}`, { token: owner.token, method: 'PATCH', json: { text: 'x' } })).status).toBe(404);
  });

  it('remembers nothing for someone who never talked to the agent', async () => {
    const stranger = await signUp();
    expect(await json(await call(`/api/v1/agents/${agentId}/memory`, { token: stranger.token }))).toEqual({ summary: '', facts: [], updated_at: null });
    expect(await json(await call(`/api/v1/agents/${agentId}/chat`, { token: stranger.token }))).toEqual([]);
  });

  it("deleting the agent empties everyone's sessions with it", async () => {
    const doomed = (await createAgent(owner)).id;
    const talker = await signUp();
    await chat(talker, doomed, 'I am allergic to cats.');
    expect(await count('agent_sessions', 'agent_id = ?', doomed)).toBe(1);
    expect((await call(`/api/v1/agents/${doomed}`, { token: owner.token, method: 'DELETE' })).status).toBe(200);
    expect(await count('agent_sessions', 'agent_id = ?', doomed)).toBe(0);
    const stub = env.AGENT_SESSION.get(env.AGENT_SESSION.idFromName(`${doomed}:${talker.id}`));
    await evictDurableObject(stub);
    expect(await stub.memory()).toEqual({ summary: '', facts: [], updatedAt: null });
    expect(await stub.history({ limit: 40 })).toEqual([]);
  });
});

describe('agent chat: the SSE parser of these tests', () => {
  it('joins multi-line data as EventSource does', () => {
    expect(parseSse('event: token\ndata: {"text":\ndata: "a"}\n\n')).toEqual([{ event: 'token', data: { text: 'a' } }]);
  });
});
