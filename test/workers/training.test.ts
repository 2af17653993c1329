import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { PNG_1X1, call, count, json, signUp, type TestUser } from './helpers';
import { fileOf, makeAgent, pdfWithText, search, settled, streamedMultipart, upload } from './training.helpers';

let owner: TestUser;
let stranger: TestUser;
let agentId: string;

beforeAll(async () => {
  owner = await signUp();
  stranger = await signUp();
  agentId = await makeAgent(owner);
});

/** Delivers one message to the training consumer, as the queue would (`media` replaces the R2 binding). */
async function deliver(body: unknown, attempts = 1, media: R2Bucket = env.MEDIA) {
  const batch = createMessageBatch('training', [{ id: `m-${Math.random()}`, timestamp: new Date(), attempts, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, MEDIA: media }, ctx);
  return getQueueResult(batch, ctx);
}

async function uploaded(name: string, content: string | Uint8Array, agent = agentId): Promise<Record<string, any>> {
  const res = await upload(owner, agent, name, content);
  expect(res.status, await res.clone().text()).toBe(202);
  return json(res);
}

describe('training files: upload and ingestion', () => {
  const files: [string, string | Uint8Array, string, RegExp][] = [
    ['notes.txt', 'Nova likes rainy mornings.\n\nThe lighthouse keeper of Porto Vermelho is called Ilse Marquardt. She has kept the light since 1987.', 'Who keeps the lighthouse of Porto Vermelho?', /Ilse Marquardt/],
    ['bio.md', '# About Nova\n\nNova grew up **near** the sea.\n\n## Favourites\n\n- Her favourite instrument is the [theremin](https://example.com/theremin).\n- She drinks `matcha`.', 'What is her favourite instrument?', /favourite instrument is the theremin/],
    ['menu.csv', 'dish,price,"notes, remarks"\n"Saffron ""gold"" risotto",18,"contains dairy, rice"\nPlain toast,3,', 'How much is the saffron risotto?', /dish: Saffron "gold" risotto; price: 18; notes, remarks: contains dairy, rice\./],
    ['facts.json', JSON.stringify({ pet: { species: 'axolotl', name: 'Bubbles', legs: 4 }, hobbies: ['origami', 'bouldering'] }), 'What species is the pet?', /pet\.species: axolotl/],
    ['page.html', '<html><head><title>t</title><style>.x{color:red}</style></head><body><script>var secret = "zebra";</script><h1>Travel</h1><p>Nova&rsquo;s first trip was to Reykjavik &amp; Akureyri in 2015.</p></body></html>', 'Where was the first trip?', /Nova’s first trip was to Reykjavik & Akureyri in 2015\./],
    ['paper.pdf', pdfWithText(['The quokka census of Rottnest Island counted 12,000 animals.', 'Nova helped count them.']), 'How many quokkas were counted on Rottnest Island?', /quokka census of Rottnest Island counted 12,000/],
  ];

  it('each supported type is stored, ingested through the queue, and its facts are the top snippet for a question about them', async () => {
    const agent = await makeAgent(owner);
    const rows = [];
    for (const [name, content] of files) {
      const row = await uploaded(name, content, agent);
      expect(row).toMatchObject({ name, status: 'queued', error: null, chunks_count: 0 });
      expect(await env.MEDIA.head(`training/${agent}/${row.id}`)).not.toBeNull();
      rows.push(row);
    }
    for (const [i, row] of rows.entries()) {
      const done = await settled(owner, agent, row.id);
      expect(done, files[i]![0]).toMatchObject({ status: 'ready', error: null });
      expect(done.chunks_count).toBeGreaterThan(0);
    }
    for (const [name, , question, fact] of files) {
      const [top] = await search(owner, agent, question);
      expect(top?.source, question).toBe(name);
      expect(top!.text).toMatch(fact);
      expect(top!.score).toBeGreaterThan(0);
    }
    // Scripts and styles are not training text.
    expect(await search(owner, agent, 'zebra secret color')).toEqual([]);
  });

  it('lists the files newest first, paginated with a Link header', async () => {
    const agent = await makeAgent(owner);
    const a = await uploaded('a.txt', 'first file', agent);
    const b = await uploaded('b.txt', 'second file', agent);
    const c = await uploaded('c.txt', 'third file', agent);
    const res = await call(`/api/v1/agents/${agent}/training?limit=2`, { token: owner.token });
    expect((await json<any[]>(res)).map((f) => f.id)).toEqual([c.id, b.id]);
    expect(res.headers.get('link')).toContain(`max_id=${b.id}`);
    const next = await json<any[]>(await call(`/api/v1/agents/${agent}/training?limit=2&max_id=${b.id}`, { token: owner.token }));
    expect(next.map((f) => f.id)).toEqual([a.id]);
  });

  it('a malformed JSON or CSV file, one without text, or one with a slur fails with its reason', async () => {
    const cases: [string, string, RegExp][] = [
      ['broken.json', '{"name": "Nova", ', /^Malformed JSON/],
      ['broken.csv', 'name,city\n"Nova,Lisbon\n', /^Malformed CSV: the quoted field opened on line 2 is never closed/],
      ['stray.csv', 'name,city\nNo"va,Lisbon\n', /^Malformed CSV: a quote inside an unquoted field on line 2/],
      ['empty.txt', '   \n\n  ', /^No text was found/],
      // Training text passes moderation before it is indexed.
      ['notes.txt', 'Lisbon has seven hills.\n\nThe neighbours are all k1kes.', /^Passage 1 was refused by moderation: .*slur/],
    ];
    for (const [name, content, reason] of cases) {
      const row = await uploaded(name, content);
      const done = await settled(owner, agentId, row.id);
      expect(done.status, name).toBe('failed');
      expect(done.error).toMatch(reason);
      expect(await count('training_chunks', 'file_id = ?', row.id)).toBe(0);
    }
  });

  it('a PDF that cannot be parsed fails with a clear reason', async () => {
    const row = await uploaded('broken.pdf', '%PDF-1.4\nthis is not really a PDF at all\n');
    const done = await settled(owner, agentId, row.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/^(The PDF could not be read|No text was found)/);
  });
});

describe('training files: limits and types', () => {
  it('refuses a file over 20 MB: early from Content-Length, and while streaming without it', async () => {
    const big = new Uint8Array(20 * 1024 * 1024 + 1).fill(0x61);
    expect((await upload(owner, agentId, 'big.txt', big)).status).toBe(413);
    const { body, contentType } = streamedMultipart('big.txt', 20 * 1024 * 1024 + 10);
    const res = await call(`/api/v1/agents/${agentId}/training`, { token: owner.token, body, headers: { 'content-type': contentType } });
    expect(res.status).toBe(413);
    expect((await json(res)).error).toMatch(/larger than 20 MB/);
    expect(await count('training_files', "agent_id = ? AND name = 'big.txt'", agentId)).toBe(0);
    expect((await env.MEDIA.list({ prefix: `training/${agentId}/` })).objects.length).toBe(await count('training_files', 'agent_id = ?', agentId));
  });

  it('refuses other types with 415: by extension, and by content that does not match it', async () => {
    const mz = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    for (const [name, content] of [['setup.exe', mz], ['photo.png', PNG_1X1], ['photo.txt', PNG_1X1], ['fake.pdf', 'just text'], ['noext', 'text']] as const) {
      const res = await upload(owner, agentId, name, content);
      expect(res.status, name).toBe(415);
      expect((await json(res)).error).toMatch(/\.txt, \.md, \.csv, \.json, \.html or \.pdf/);
    }
    const raw = await call(`/api/v1/agents/${agentId}/training`, { token: owner.token, body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(raw.status).toBe(415);
    expect((await env.MEDIA.list({ prefix: `training/${agentId}/` })).objects.length).toBe(await count('training_files', 'agent_id = ?', agentId));
  });

  it('an agent holds at most 50 files: of two uploads racing for the last place, one gets it', async () => {
    const agent = await makeAgent(owner);
    const insert = env.DB.prepare(`INSERT INTO training_files (id, agent_id, name, type, size, r2_key, status) VALUES (?, ?, 'old.txt', 'txt', 10, 'training/none', 'ready')`);
    await env.DB.batch(Array.from({ length: 49 }, (_, i) => insert.bind(`${1000 + i}`, agent)));
    const statuses = (await Promise.all([upload(owner, agent, 'one.txt', 'one'), upload(owner, agent, 'two.txt', 'two')])).map((r) => r.status);
    expect(statuses.sort()).toEqual([202, 409]);
    const refused = await upload(owner, agent, 'three.txt', 'three');
    expect(refused.status).toBe(409);
    expect((await json(refused)).error).toMatch(/already has 50 training files/);
    expect(await count('training_files', 'agent_id = ?', agent)).toBe(50);
    expect((await env.MEDIA.list({ prefix: `training/${agent}/` })).objects).toHaveLength(1);
  });

  it("only the agent's owner may see or change its training data: 403 for someone else, 404 for an account that is not an agent", async () => {
    const row = await uploaded('private.txt', 'The vault code is 4471.');
    await settled(owner, agentId, row.id);
    for (const [method, path] of [
      ['POST', ''],
      ['GET', ''],
      ['GET', `/${row.id}`],
      ['DELETE', `/${row.id}`],
      ['GET', '/search?q=vault'],
    ] as const) {
      const init = method === 'POST' ? { multipart: (() => { const fd = new FormData(); fd.set('file', new File(['x'], 'x.txt')); return fd; })() } : { method };
      expect((await call(`/api/v1/agents/${agentId}/training${path}`, { token: stranger.token, ...init })).status, `${method} ${path}`).toBe(403);
      expect((await call(`/api/v1/agents/${stranger.id}/training${path}`, { token: stranger.token, ...init })).status, `${method} ${path}`).toBe(404);
    }
    expect((await call(`/api/v1/agents/${agentId}/training`)).status).toBe(401);
    // The stored file is never served by URL.
    expect((await call(`/media/training/${agentId}/${row.id}`)).status).toBe(404);
    expect(await fileOf(owner, agentId, row.id)).toMatchObject({ status: 'ready' });
  });
});

describe('training files: deletion and redelivery', () => {
  it('deleting a file removes its stored copy, its row and every chunk', async () => {
    const row = await uploaded('delete-me.txt', 'The secret ingredient of the soup is smoked paprika.');
    await settled(owner, agentId, row.id);
    expect((await search(owner, agentId, 'secret ingredient soup'))[0]?.source).toBe('delete-me.txt');
    expect((await call(`/api/v1/agents/${agentId}/training/${row.id}`, { method: 'DELETE', token: owner.token })).status).toBe(200);
    expect(await count('training_chunks', 'file_id = ?', row.id)).toBe(0);
    expect(await count('training_chunks_fts', "training_chunks_fts MATCH 'paprika'")).toBe(0);
    expect(await env.MEDIA.head(`training/${agentId}/${row.id}`)).toBeNull();
    expect((await call(`/api/v1/agents/${agentId}/training/${row.id}`, { token: owner.token })).status).toBe(404);
    expect(await search(owner, agentId, 'secret ingredient soup')).toEqual([]);
  });

  it("deleting the agent deletes its training files, chunks and stored copies", async () => {
    const doomed = await makeAgent(owner);
    const row = await uploaded('diary.txt', 'The lighthouse keeper fed the gulls at dawn.', doomed);
    await settled(owner, doomed, row.id);
    expect((await call(`/api/v1/agents/${doomed}`, { method: 'DELETE', token: owner.token })).status).toBe(200);
    expect(await count('training_files', 'agent_id = ?', doomed)).toBe(0);
    expect(await count('training_chunks', 'agent_id = ?', doomed)).toBe(0);
    expect(await count('training_chunks_fts', "training_chunks_fts MATCH 'gulls'")).toBe(0);
    expect(await env.MEDIA.head(`training/${doomed}/${row.id}`)).toBeNull();
  });

  it('a redelivered ingest message replaces the chunks instead of adding copies', async () => {
    const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} talks about the harbour of Alexandria and its ${i} ships.`).join(' ');
    const row = await uploaded('long.txt', text);
    const first = await settled(owner, agentId, row.id);
    expect(first.chunks_count).toBeGreaterThan(1);
    const result = await deliver({ type: 'ingest', fileId: row.id });
    expect(result.explicitAcks).toHaveLength(1);
    expect(await count('training_chunks', 'file_id = ?', row.id)).toBe(first.chunks_count);
    expect(await count('training_chunks_fts', 'rowid IN (SELECT id FROM training_chunks WHERE file_id = ?)', row.id)).toBe(first.chunks_count);
    expect(await fileOf(owner, agentId, row.id)).toMatchObject({ status: 'ready', chunks_count: first.chunks_count });
  });

  it('an ingestion whose file was deleted first writes nothing', async () => {
    const row = await uploaded('gone.txt', 'This file is deleted before it is ingested.');
    await settled(owner, agentId, row.id);
    await call(`/api/v1/agents/${agentId}/training/${row.id}`, { method: 'DELETE', token: owner.token });
    const result = await deliver({ type: 'ingest', fileId: row.id });
    expect(result.explicitAcks).toHaveLength(1);
    expect(await count('training_chunks', 'file_id = ?', row.id)).toBe(0);
    expect(await count('training_files', 'id = ?', row.id)).toBe(0);
  });

  it('a file deleted while it is being ingested keeps no chunks', async () => {
    const row = await uploaded('midway.txt', 'Deleted while its text is being read.');
    await settled(owner, agentId, row.id);
    // The owner deletes the file right after the consumer has read it from R2.
    const deletingMidway = {
      get: async (key: string) => {
        const object = await env.MEDIA.get(key);
        expect((await call(`/api/v1/agents/${agentId}/training/${row.id}`, { method: 'DELETE', token: owner.token })).status).toBe(200);
        return object;
      },
    } as unknown as R2Bucket;
    const result = await deliver({ type: 'ingest', fileId: row.id }, 1, deletingMidway);
    expect(result.explicitAcks).toHaveLength(1);
    expect(await count('training_chunks', 'file_id = ?', row.id)).toBe(0);
    expect(await count('training_files', 'id = ?', row.id)).toBe(0);
  });

  it('a transient failure is retried, and the last attempt marks the file failed', async () => {
    const row = await uploaded('flaky.txt', 'Storage is having a bad day.');
    await settled(owner, agentId, row.id);
    const broken = { get: async () => Promise.reject(new Error('R2 is unavailable')) } as unknown as R2Bucket;
    const early = await deliver({ type: 'ingest', fileId: row.id }, 1, broken);
    expect(early.retryMessages).toHaveLength(1);
    expect(await fileOf(owner, agentId, row.id)).toMatchObject({ status: 'processing' });
    const last = await deliver({ type: 'ingest', fileId: row.id }, 5, broken);
    expect(last.explicitAcks).toHaveLength(1);
    expect(await fileOf(owner, agentId, row.id)).toMatchObject({ status: 'failed', error: 'Ingestion kept failing: R2 is unavailable', chunks_count: 0 });
    expect(await count('training_chunks', 'file_id = ?', row.id)).toBe(0);
  });

  it('a file whose stored copy vanished fails instead of retrying forever', async () => {
    const row = await uploaded('vanish.txt', 'Soon gone from storage.');
    await settled(owner, agentId, row.id);
    await env.MEDIA.delete(`training/${agentId}/${row.id}`);
    await deliver({ type: 'ingest', fileId: row.id });
    expect(await fileOf(owner, agentId, row.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/missing/), chunks_count: 0 });
  });

  it('a malformed ingest message is dropped, not retried', async () => {
    for (const body of [{ type: 'ingest', fileId: 'not-an-id' }, { type: 'summon', agentId }]) {
      const result = await deliver(body);
      expect(result.explicitAcks).toHaveLength(1);
      expect(result.retryMessages).toEqual([]);
    }
  });
});

describe('training search', () => {
  it('validates the query', async () => {
    expect((await call(`/api/v1/agents/${agentId}/training/search?q=`, { token: owner.token })).status).toBe(422);
    expect(await search(owner, agentId, '?!')).toEqual([]);
  });
});
