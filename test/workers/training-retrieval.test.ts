/**
 * Retrieval at the size the chat reply budget is set for: 1,000 passages of ~600 characters,
 * ingested through the real pipeline, then queried inside workerd. Prints p50/p95 of
 * `retrieveSnippets` beside a full scan of every stored vector (the strategy it replaced),
 * so the figures in docs/agents.md can be reproduced; it asserts what a user notices (the
 * fact is found), not timings, which depend on the machine.
 */
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { getAiProvider } from '../../workers/api/ai/providers';
import { retrieveSnippets } from '../../workers/api/training/retrieval';
import { asInt8, cosineInt8 } from '../../workers/api/training/vectors';
import { signUp } from './helpers';
import { makeAgent, settled, upload } from './training.helpers';

const COMMON = 'the of and to a in is that it was for on with as he she at by this had from they we but'.split(' ');
const TOPICS = Array.from({ length: 2500 }, (_, i) => `${['sea', 'stone', 'lamp', 'river', 'bread', 'train', 'cloud', 'garden'][i % 8]}${(i * 7919).toString(36)}`);

/** Deterministic prose-like text: half common words, half from a long tail of topic words. */
function passage(seed: number): string {
  let s = seed;
  const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const sentences: string[] = [];
  let length = 0;
  while (length < 560) {
    const words = Array.from({ length: 8 + Math.floor(r() * 8) }, () => (r() < 0.5 ? COMMON[Math.floor(r() * COMMON.length)]! : TOPICS[Math.floor(r() * r() * TOPICS.length)]!));
    const sentence = `${words.join(' ')}.`;
    sentences.push(sentence[0]!.toUpperCase() + sentence.slice(1));
    length += sentence.length + 1;
  }
  return sentences.join(' ');
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

it('finds a fact among 1,000 passages of ~600 characters; prints the retrieval times', { timeout: 240_000 }, async () => {
  const owner = await signUp();
  const agentId = await makeAgent(owner);
  const fact = 'The lighthouse keeper of Porto Vermelho is called Ilse Marquardt and she has kept the light since 1987.';
  const paragraphs = Array.from({ length: 1000 }, (_, i) => (i === 637 ? `${passage(i + 1)} ${fact}` : passage(i + 1)));
  const res = await upload(owner, agentId, 'corpus.txt', paragraphs.join('\n\n'));
  expect(res.status).toBe(202);
  const file = await settled(owner, agentId, ((await res.json()) as { id: string }).id);
  expect(file.status).toBe('ready');
  expect(file.chunks_count).toBeGreaterThanOrEqual(1000);

  const queries = Array.from({ length: 40 }, (_, i) => paragraphs[i * 25]!.slice(200, 280));
  const timed = async (fn: (q: string) => Promise<unknown>) => {
    const ms: number[] = [];
    for (const q of [...queries, ...queries]) {
      const started = performance.now();
      await fn(q);
      ms.push(performance.now() - started);
    }
    return `p50 ${percentile(ms, 0.5).toFixed(0)} ms, p95 ${percentile(ms, 0.95).toFixed(0)} ms`;
  };
  const provider = getAiProvider(env);
  const fullScan = async (q: string) => {
    const [v] = await provider.embed([q]);
    const { results } = await env.DB.prepare('SELECT id, embedding FROM training_chunks WHERE agent_id = ? AND provider = ?').bind(agentId, provider.name).all<{ id: number; embedding: ArrayBuffer }>();
    return results.map((r) => cosineInt8(v!, asInt8(r.embedding))).sort((a, b) => b - a).slice(0, 8);
  };
  const candidates = await timed((q) => retrieveSnippets(env, agentId, q));
  const scan = await timed(fullScan);
  console.log(`retrieval over ${file.chunks_count} passages: FTS5 candidates + int8 cosine ${candidates}; full int8 scan ${scan}`);

  const [top] = await retrieveSnippets(env, agentId, 'Who keeps the lighthouse of Porto Vermelho?');
  expect(top?.text).toContain('Ilse Marquardt');
  // Words every passage has say nothing about what is asked: they find nothing on their own.
  expect(await retrieveSnippets(env, agentId, 'Who was it, and what was that?')).toEqual([]);
});
