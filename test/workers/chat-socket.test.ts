import { describe, expect, it } from 'vitest';
import { BASE, call, dispatch, eventually, json, signUp } from './helpers';
import { openRoom, sendMessage, startChat } from './chat.helpers';

describe('chat room sockets', () => {
  it('acks the sender after storage and fans the message out to every other socket; a retry is stored once', async () => {
    const [ann, bob] = await Promise.all([signUp(), signUp()]);
    const chat = await startChat(ann, [bob.id], 'Pair');
    const [a, b, a2] = await Promise.all([openRoom(ann, chat.id), openRoom(bob, chat.id), openRoom(ann, chat.id)]);
    a.send({ type: 'send', client_id: 'c-1', text: 'hi' });
    const ack = await a.next((f) => f.type === 'ack');
    expect(ack).toMatchObject({ client_id: 'c-1', message: { text: 'hi', account_id: ann.id, agent: false, chat_id: chat.id } });
    expect((await b.next((f) => f.type === 'message')).message.id).toBe(ack.message.id);
    expect((await a2.next((f) => f.type === 'message')).message.id).toBe(ack.message.id);
    expect(a.frames.filter((f) => f.type === 'message')).toHaveLength(0);

    a.send({ type: 'send', client_id: 'c-1', text: 'hi' });
    await a.next((f) => f.type === 'ack' && f !== ack);
    const again = await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token, json: { client_id: 'c-1', text: 'hi' } });
    expect(again.status).toBe(200);
    expect((await json(again)).id).toBe(ack.message.id);
    expect(await json<any[]>(await call(`/api/v1/chats/${chat.id}/messages`, { token: bob.token }))).toHaveLength(1);
    expect(await b.quiet((f) => f.type === 'message')).toHaveLength(1);
  });

  it('resumes with ?after= : exactly the missed messages, in order, before ready', async () => {
    const [ann, bob] = await Promise.all([signUp(), signUp()]);
    const chat = await startChat(ann, [bob.id]);
    const seen = await sendMessage(ann, chat.id, 'seen');
    const missed = [];
    for (const text of ['m1', 'm2', 'm3']) missed.push(await sendMessage(ann, chat.id, text));
    const b = await openRoom(bob, chat.id, `?after=${seen.id}`);
    const types = b.frames.map((f) => f.type);
    expect(types).toEqual(['message', 'message', 'message', 'ready']);
    expect(b.frames.slice(0, 3).map((f) => f.message.id)).toEqual(missed.map((m) => m.id));
    expect(b.frames[3]).toMatchObject({ type: 'ready', chat_id: chat.id, last_id: missed[2]!.id });
  });

  it('answers malformed, oversized and flooding frames with error frames and stays usable', async () => {
    const [ann, bob] = await Promise.all([signUp(), signUp()]);
    const chat = await startChat(ann, [bob.id]);
    const a = await openRoom(ann, chat.id);
    a.send('not json');
    expect(await a.next((f) => f.type === 'error')).toMatchObject({ status: 400 });
    a.send({ type: 'shout' });
    a.send({ type: 'send', client_id: 'big', text: 'x'.repeat(17 * 1024) });
    expect(await a.next((f) => f.type === 'error' && f.status === 413)).toBeTruthy();
    for (let i = 0; i < 21; i++) a.send({ type: 'send', client_id: `f-${i}`, text: `n${i}` });
    const flood = await a.next((f) => f.type === 'error' && f.status === 429);
    expect(flood.client_id).toBe('f-20');
    expect(a.frames.filter((f) => f.type === 'ack')).toHaveLength(20);
    expect(await json<any[]>(await call(`/api/v1/chats/${chat.id}/messages?limit=40`, { token: ann.token }))).toHaveLength(20);
  });

  it('edits and deletes own messages only, counts reactions, and sends read receipts', async () => {
    const [ann, bob] = await Promise.all([signUp(), signUp()]);
    const chat = await startChat(ann, [bob.id]);
    const b = await openRoom(bob, chat.id);
    const m = await sendMessage(ann, chat.id, 'typo');
    const path = `/api/v1/chats/${chat.id}/messages/${m.id}`;
    expect((await call(path, { method: 'PUT', token: bob.token, json: { text: 'no' } })).status).toBe(403);
    expect((await call(path, { method: 'DELETE', token: bob.token })).status).toBe(403);
    const edited = await json(await call(path, { method: 'PUT', token: ann.token, json: { text: 'fixed' } }));
    expect(edited).toMatchObject({ text: 'fixed' });
    expect(edited.edited_at).not.toBeNull();
    expect((await b.next((f) => f.type === 'edited')).message.text).toBe('fixed');

    b.send({ type: 'react', id: m.id, emoji: '👍' });
    const reactions = await b.next((f) => f.type === 'reactions');
    expect(reactions.reactions).toEqual([{ name: '👍', count: 1, account_ids: [bob.id] }]);
    const reacted = await json(await call(`${path}/reactions/${encodeURIComponent('👍')}`, { method: 'POST', token: ann.token }));
    expect(reacted.reactions[0].count).toBe(2);

    b.send({ type: 'typing' });
    b.send({ type: 'read', id: m.id });
    await b.next((f) => f.type === 'read');
    // A socket's receipt reaches the index with the room's next write (ChatRoom's INDEX_DELAY_MS).
    const chatView = await eventually(async () => json(await call(`/api/v1/chats/${chat.id}`, { token: bob.token })), (v) => v.members.find((x: any) => x.account.id === bob.id).last_read_id === m.id);
    expect(chatView.members.find((x: any) => x.account.id === bob.id).last_read_id).toBe(m.id);

    expect((await call(path, { method: 'DELETE', token: ann.token })).status).toBe(200);
    expect((await b.next((f) => f.type === 'deleted')).id).toBe(m.id);
  });

  it('refuses non-members before the upgrade and closes a removed member with 4403', async () => {
    const [ann, bob, eve] = await Promise.all([signUp(), signUp(), signUp()]);
    const chat = await startChat(ann, [bob.id], 'Group');
    const refused = await dispatch(new Request(`${BASE}/api/v1/chats/${chat.id}/socket`, { headers: { upgrade: 'websocket', authorization: `Bearer ${eve.token}` } }));
    expect(refused.status).toBe(403);
    expect(refused.webSocket).toBeNull();
    const anonymous = await dispatch(new Request(`${BASE}/api/v1/chats/${chat.id}/socket`, { headers: { upgrade: 'websocket' } }));
    expect(anonymous.status).toBe(401);

    const a = await openRoom(ann, chat.id);
    const b = await openRoom(bob, chat.id);
    await call(`/api/v1/chats/${chat.id}/members/${bob.id}`, { method: 'DELETE', token: ann.token });
    expect((await b.closed).code).toBe(4403);
    expect((await a.next((f) => f.type === 'members')).chat.members).toHaveLength(1);
  });

  it('rejects a message with a slur (422) and stores nothing', async () => {
    const [ann, bob] = await Promise.all([signUp(), signUp()]);
    const chat = await startChat(ann, [bob.id]);
    const res = await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token, json: { client_id: 's', text: 'you are all k1kes' } });
    expect(res.status).toBe(422);
    expect((await json(res)).details.text[0].error).toBe('ERR_MODERATION');
    expect(await json<any[]>(await call(`/api/v1/chats/${chat.id}/messages`, { token: ann.token }))).toHaveLength(0);
  });
});
