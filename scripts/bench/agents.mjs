/**
 * Agent benchmarks against the running Worker: chat reply latency over SSE for an agent with
 * about 1,000 training passages (the whole path: session, moderation, memory, retrieval,
 * generation, storage), then training ingestion throughput (files uploaded through the API,
 * timed until every one is indexed).
 */
import { percentile } from './measure.mjs';
import { QUESTIONS, textSource } from './text.mjs';

const MB = 1024 * 1024;

async function api(url, path, token, init = {}) {
  const res = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(30_000), ...init, headers: { authorization: `Bearer ${token}`, ...(init.json ? { 'content-type': 'application/json' } : {}), ...init.headers }, body: init.json ? JSON.stringify(init.json) : init.body });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** A text file of about `bytes`, passages separated by blank lines (the chunker's paragraph boundary). */
function trainingText(bytes, seed) {
  const text = textSource(seed);
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = text.passage(i);
    parts.push(p);
    size += p.length + 2;
  }
  return parts.join('\n\n');
}

async function upload(url, token, agentId, name, content) {
  const form = new FormData();
  form.set('file', new Blob([content], { type: 'text/plain' }), name);
  return api(url, `/api/v1/agents/${agentId}/training`, token, { method: 'POST', body: form });
}

/** Waits until every file is indexed; null if that takes longer than `ms` (a status read that times out is asked again). */
async function untilIndexed(url, token, agentId, ids, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (Date.now() > deadline) return null;
    const files = await Promise.all(ids.map((id) => api(url, `/api/v1/agents/${agentId}/training/${id}`, token))).catch((err) => {
      if (err.name === 'TimeoutError') return null;
      throw err;
    });
    if (!files) continue;
    const failed = files.find((f) => f.status === 'failed');
    if (failed) throw new Error(`ingestion of ${failed.name} failed: ${failed.error}`);
    if (files.every((f) => f.status === 'ready')) return files;
    await new Promise((r) => setTimeout(r, 100));
  }
}


/** One chat message; resolves with the times to the first token and to the end of the reply. */
async function chat(url, token, agentId, message) {
  const started = performance.now();
  const res = await fetch(`${url}/api/v1/agents/${agentId}/chat`, { signal: AbortSignal.timeout(30_000), method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
  if (!res.ok) throw new Error(`chat answered ${res.status}: ${await res.text()}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let seen = '';
  let first;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += value;
    if (first === undefined && seen.includes('event: token')) first = performance.now() - started;
    if (seen.includes('event: error')) throw new Error(`chat failed: ${seen}`);
  }
  if (!seen.includes('event: done')) throw new Error(`the reply stream ended without its done event: ${seen.slice(-300)}`);
  return { first: first ?? performance.now() - started, total: performance.now() - started };
}

/** `tokens`: logged-in people; the first owns the agents, and the chat messages rotate over all (each person has a chat rate limit). */
export async function agentBench(url, tokens, replies = 200) {
  const [token] = tokens;
  const stamp = Date.now().toString(36);
  const reader = await api(url, '/api/v1/agents', token, { method: 'POST', json: { username: `benchlib${stamp}`, template: 'expert', display_name: 'Bench librarian' } });
  const ingester = await api(url, '/api/v1/agents', token, { method: 'POST', json: { username: `benchingest${stamp}`, template: 'educator' } });

  // Reply latency with ~1,000 passages.
  const library = await upload(url, token, reader.id, 'library.txt', trainingText(620 * 1024, 7));
  const [indexed] = (await untilIndexed(url, token, reader.id, [library.id], 120_000)) ?? [];
  if (!indexed) throw new Error('the library file was not indexed within 2 minutes');
  const person = (i) => tokens[i % tokens.length];
  for (let i = 0; i < 10; i++) await chat(url, person(i), reader.id, QUESTIONS[i % QUESTIONS.length]);
  const firsts = [];
  const totals = [];
  for (let i = 0; i < replies; i++) {
    const t = await chat(url, person(i), reader.id, QUESTIONS[i % QUESTIONS.length]);
    firsts.push(t.first);
    totals.push(t.total);
  }
  firsts.sort((a, b) => a - b);
  totals.sort((a, b) => a - b);
  const ms = (list, p) => percentile(list, p).toFixed(1);
  console.log(
    `agent chat reply over SSE, ${indexed.chunks_count.toLocaleString()} training passages, ${replies} messages one after another: ` +
      `first token p50 ${ms(firsts, 50)} / p95 ${ms(firsts, 95)} ms, whole reply p50 ${ms(totals, 50)} / p95 ${ms(totals, 95)} ms (target p95 ≤ 50 ms)`,
  );

  // Ingestion throughput: four 1 MB files at once.
  const files = Array.from({ length: 4 }, (_, i) => trainingText(MB, 100 + i));
  const started = Date.now();
  const sent = [];
  for (const [i, content] of files.entries()) sent.push(await upload(url, token, ingester.id, `notes-${i}.txt`, content));
  const done = await untilIndexed(url, token, ingester.id, sent.map((f) => f.id), 300_000);
  if (!done) return console.log('training ingestion: 4 MB in 4 files NOT indexed within 5 minutes (see docs/agents.md, known problems)');
  const seconds = (Date.now() - started) / 1000;
  const megabytes = files.reduce((n, f) => n + f.length, 0) / MB;
  const chunks = done.reduce((n, f) => n + f.chunks_count, 0);
  console.log(`training ingestion: ${megabytes.toFixed(1)} MB in 4 files, ${chunks.toLocaleString()} passages, indexed in ${seconds.toFixed(1)} s — ${((megabytes / seconds) * 60).toFixed(1)} MB/min`);
}
