/**
 * What an agent remembers about a person: facts read from their messages by rules, recalled in
 * later requests and by a fresh instance of the session object, corrected and forgotten on request.
 */
import { env, evictDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFacts } from '../../workers/api/agents/memory/extract-facts';
import { summarize } from '../../workers/api/agents/memory/summary';
import { type TestUser, call, createAgent, json, signUp } from './helpers';
import { chat, memoryOf } from './agent-chat.helpers';

const texts = (message: string) => extractFacts(message).map((f) => f.text);

describe('fact extraction', () => {
  it('reads what people say about themselves', () => {
    expect(texts('Hi! My name is sam and I live in Lisbon.')).toEqual(['Your name is Sam', 'You live in Lisbon']);
    expect(texts("I'm allergic to peanuts and I work as a nurse.")).toEqual(['You are allergic to peanuts', 'You work as a nurse']);
    expect(texts('Call me Sammy.')).toEqual(['You like to be called Sammy']);
    expect(texts('I prefer tea to coffee.')).toEqual(['You prefer tea']);
    expect(texts('I really love jazz music, especially live.')).toEqual(['You love jazz music']);
    expect(texts("I don't like mornings")).toEqual(['You do not like mornings']);
    expect(texts('I hate cold weather.')).toEqual(['You hate cold weather']);
    expect(texts('My favourite colour is blue')).toEqual(['Your favourite colour is blue']);
    expect(texts('My dog is called rex')).toEqual(['Your dog is called Rex']);
    expect(texts("I'm 34 years old")).toEqual(['You are 34 years old']);
    expect(texts('I like my coffee black')).toEqual(['You like your coffee black']);
  });

  it('takes no questions, wishes or other people for facts', () => {
    for (const m of ['Do I like tea?', 'I would like to know about lighthouses', 'If I lived in Paris I would walk more', 'I hate it when it rains', 'She said I love drama', 'My name is not important', "I'm fine, thanks"]) {
      expect(texts(m), m).toEqual([]);
    }
  });

  it('marks corrections and single-valued facts as replacing the earlier one', () => {
    expect(extractFacts('I prefer tea.')[0]!.replaces).toBe(false);
    expect(extractFacts('Actually I prefer coffee these days.')[0]).toMatchObject({ key: 'prefer', text: 'You prefer coffee', replaces: true });
    expect(extractFacts('I live in Porto now.')[0]).toMatchObject({ key: 'home', text: 'You live in Porto', replaces: true });
  });

  it('sums up the salient sentences in the second person, leaving out facts and questions', () => {
    const summary = summarize(['I am planning a trip to Japan in spring.', 'My name is Sam.', 'The trip to Japan starts in Tokyo.', 'What should I pack?', 'ok']);
    expect(summary).toBe('You are planning a trip to Japan in spring. The trip to Japan starts in Tokyo.');
  });
});

describe('memory across sessions', () => {
  let owner: TestUser;
  let agentId: string;

  beforeAll(async () => {
    owner = await signUp();
    agentId = (await createAgent(owner, { style: 'formal' })).id;
  });

  it('recalls in a later request what was told in an earlier one, even from a fresh session object', async () => {
    const person = await signUp();
    await chat(person, agentId, 'Good morning. I prefer rooibos tea in the evening.');
    // The session object is dropped from memory, as after an idle day: only its storage remains.
    const stub = env.AGENT_SESSION.get(env.AGENT_SESSION.idFromName(`${agentId}:${person.id}`));
    await evictDurableObject(stub);
    const { reply } = await chat(person, agentId, 'Which tea do I prefer?');
    expect(reply.text.toLowerCase()).toContain('rooibos');
    expect(reply.explanation.memories.map((m: any) => m.text)).toContain('You prefer rooibos tea in the evening');
  });

  it('updates the earlier fact when corrected in conversation', async () => {
    const person = await signUp();
    await chat(person, agentId, 'I live in Leeds.');
    await chat(person, agentId, 'Actually I live in York now.');
    const memory = await memoryOf(person, agentId);
    expect(memory.facts.map((f: any) => f.text)).toEqual(['You live in York']);
    const { reply } = await chat(person, agentId, 'Where do I live?');
    expect(reply.text).toContain('York');
    expect(reply.text).not.toContain('Leeds');
  });

  it('uses a fact as the person corrected it, and no longer the old wording', async () => {
    const person = await signUp();
    await chat(person, agentId, 'My favourite colour is green.');
    await chat(person, agentId, 'What is my favourite colour?');
    const [fact] = (await memoryOf(person, agentId)).facts;
    const res = await call(`/api/v1/agents/${agentId}/memory/facts/${fact.id}`, { token: person.token, method: 'PATCH', json: { text: 'Your favourite colour is violet' } });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id: fact.id, text: 'Your favourite colour is violet' });
    const { reply } = await chat(person, agentId, 'What is my favourite colour?');
    expect(reply.text).toContain('violet');
    expect(reply.text).not.toContain('green');
    expect((await call(`/api/v1/agents/${agentId}/memory/facts/${fact.id}`, { token: person.token, method: 'PATCH', json: { text: ' ' } })).status).toBe(422);
  });

  it('cannot recall a deleted fact: not in memory, not in the context, not in the reply', async () => {
    const person = await signUp();
    await chat(person, agentId, 'I am allergic to hazelnuts.');
    const first = await chat(person, agentId, 'What am I allergic to?');
    expect(first.reply.text).toContain('hazelnuts');
    const [fact] = (await memoryOf(person, agentId)).facts;
    expect((await call(`/api/v1/agents/${agentId}/memory/facts/${fact.id}`, { token: person.token, method: 'DELETE' })).status).toBe(200);
    expect((await memoryOf(person, agentId)).facts).toEqual([]);
    const stub = env.AGENT_SESSION.get(env.AGENT_SESSION.idFromName(`${agentId}:${person.id}`));
    const recalled = await stub.recall('What am I allergic to?');
    expect(JSON.stringify(recalled.memories)).not.toContain('hazelnut');
    expect(JSON.stringify(recalled.history)).not.toContain('hazelnut');
    for (const seed of [1, 2, 3]) {
      const { reply } = await chat(person, agentId, seed === 1 ? 'What am I allergic to?' : `Tell me about allergies, question ${seed}.`);
      expect(reply.text).not.toContain('hazelnut');
      expect(reply.explanation.memories).toEqual([]);
    }
    expect((await call(`/api/v1/agents/${agentId}/memory/facts/${fact.id}`, { token: person.token, method: 'DELETE' })).status).toBe(404);
  });

  it('forgets everything on request: history, summary and facts', async () => {
    const person = await signUp();
    await chat(person, agentId, 'My name is Ottilie and I work as a baker.');
    expect((await memoryOf(person, agentId)).facts).toHaveLength(2);
    expect((await call(`/api/v1/agents/${agentId}/memory`, { token: person.token, method: 'DELETE' })).status).toBe(200);
    expect(await memoryOf(person, agentId)).toEqual({ summary: '', facts: [], updated_at: null });
    expect(await json(await call(`/api/v1/agents/${agentId}/chat`, { token: person.token }))).toEqual([]);
    const { reply } = await chat(person, agentId, 'What is my name?');
    expect(reply.text).not.toContain('Ottilie');
  });

  it('keeps a rolling summary once the conversation is long enough', async () => {
    const person = await signUp();
    for (const m of ['We are restoring an old sailing boat.', 'The sailing boat needs a new mast.', 'Painting the boat takes a week.', 'Hello again.', 'The mast arrived today.']) await chat(person, agentId, m);
    const memory = await memoryOf(person, agentId);
    expect(memory.summary).toMatch(/boat/);
    expect(memory.updated_at).toEqual(expect.any(String));
  });
});
