import { describe, expect, it } from 'vitest';
import { call, createAgent, json, signUp } from './helpers';
import { openRoom, startChat } from './chat.helpers';

describe('agents in chat rooms', () => {
  it('answers in a direct chat: agent.delta frames to every socket, then a message labelled agent', async () => {
    const owner = await signUp();
    const agent = await createAgent(owner);
    const chat = await startChat(owner, [agent.account.id]);
    const room = await openRoom(owner, chat.id);
    room.send({ type: 'send', client_id: 'q', text: 'Tell me a joke about cats' });
    const ack = await room.next((f) => f.type === 'ack');
    const reply = await room.next((f) => f.type === 'message' && f.message.agent);
    expect(reply.message).toMatchObject({ account_id: agent.account.id, reply_to_id: ack.message.id, agent: true });
    const deltas = room.frames.filter((f) => f.type === 'agent.delta');
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.every((d) => d.account_id === agent.account.id && d.reply_to_id === ack.message.id)).toBe(true);
    expect(deltas.map((d) => d.delta).join('')).toBe(reply.message.text);
    expect(room.frames.indexOf(deltas[0]!)).toBeLessThan(room.frames.indexOf(reply));
  });

  it('answers an @mention in a group, and a paused agent stays silent', async () => {
    const [owner, friend] = await Promise.all([signUp(), signUp()]);
    const agent = await createAgent(owner);
    const chat = await startChat(owner, [friend.id, agent.account.id], 'Crew');
    const room = await openRoom(friend, chat.id);
    room.send({ type: 'send', client_id: 'plain', text: 'no mention here' });
    room.send({ type: 'send', client_id: 'm', text: `@${agent.account.username} what do you like?` });
    const reply = await room.next((f) => f.type === 'message' && f.message.agent);
    const asked = room.frames.find((f) => f.type === 'ack' && f.client_id === 'm')!;
    expect(reply.message.reply_to_id).toBe(asked.message.id);
    expect(room.frames.filter((f) => f.type === 'message' && f.message.agent)).toHaveLength(1);

    await call(`/api/v1/agents/${agent.id}/pause`, { method: 'POST', token: owner.token });
    room.send({ type: 'send', client_id: 'm2', text: `@${agent.account.username} still there?` });
    await room.next((f) => f.type === 'ack' && f.client_id === 'm2');
    expect(await room.quiet((f) => f.type === 'agent.delta' && f.reply_to_id !== asked.message.id, 1500)).toHaveLength(0);
    const history = await json<any[]>(await call(`/api/v1/chats/${chat.id}/messages`, { token: owner.token }));
    expect(history.filter((m) => m.agent)).toHaveLength(1);
  });

  it('does not let others add a private agent', async () => {
    const [owner, other] = await Promise.all([signUp(), signUp()]);
    const agent = await createAgent(owner, { visibility: 'private' });
    const res = await call('/api/v1/chats', { token: other.token, json: { account_ids: [agent.account.id] } });
    expect(res.status).toBe(403);
    expect((await startChat(owner, [agent.account.id])).kind).toBe('direct');
  });
});
