/**
 * Retrieval over an agent's training data, called on every chat reply: FTS5 finds the passages
 * that share words with the query (bm25, at most `CANDIDATES`), and those are re-ranked by the
 * cosine of their stored int8 embedding with the query's. For 1,000 passages of ~600 characters
 * inside workerd this takes p50 4 ms / p95 6 ms on a quiet machine, against p50 20 ms / p95 55 ms
 * for reading every stored int8 vector (Float32: slower still), and only the candidates are read however
 * much data the agent has. The price: a passage with no word in common with the query is
 * never a candidate (a semantic provider could have found it). Figures: docs/agents.md.
 */
import { and, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { Env } from '../../env';
import { STOPWORDS } from '../ai/builtin/embed';
import { getAiProvider } from '../ai/providers';
import type { Snippet } from '../ai/types';
import { trainingChunks, trainingFiles } from '../db/training';
import { asInt8, cosineInt8 } from './vectors';

export const CANDIDATES = 64;
const MAX_TERMS = 32;

/**
 * The query's distinct words as an FTS5 expression (any of them), or null when it has none.
 * Stop words are left out: "the" or "when" make nearly every passage a candidate (scored, read
 * and compared, for nothing: the embeddings leave them out too).
 */
export function candidateQuery(agentId: string, query: string): string | null {
  const terms = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].filter((t) => !STOPWORDS.has(t)).slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  // Words hold only letters and digits, so quoting each is safe FTS5 syntax.
  return `agent_id:"${agentId}" AND text:(${terms.map((t) => `"${t}"`).join(' OR ')})`;
}

/**
 * The `k` passages of the agent's training data most similar to `query`, best first. Only
 * ingested files have chunks (a file being re-ingested keeps its old ones until the new replace them).
 */
export async function retrieveSnippets(env: Env, agentId: string, query: string, k = 8): Promise<Snippet[]> {
  const match = candidateQuery(agentId, query);
  if (!match) return [];
  const provider = getAiProvider(env);
  const db = drizzle(env.DB);
  const [[queryVector], candidates] = await Promise.all([
    provider.embed([query]),
    db
      .select({ id: trainingChunks.id, text: trainingChunks.text, embedding: trainingChunks.embedding, source: trainingFiles.name })
      .from(sql`training_chunks_fts`)
      .innerJoin(trainingChunks, sql`${trainingChunks.id} = training_chunks_fts.rowid`)
      .innerJoin(trainingFiles, eq(trainingFiles.id, trainingChunks.fileId))
      // Vectors of another provider (before a provider change) are not comparable with the query's.
      .where(and(sql`training_chunks_fts MATCH ${match}`, eq(trainingChunks.provider, provider.name)))
      .orderBy(sql`bm25(training_chunks_fts, 0, 1)`)
      .limit(CANDIDATES),
  ]);
  if (!queryVector) return [];
  return candidates
    .map((c) => ({ id: String(c.id), text: c.text, source: c.source, score: cosineInt8(queryVector, asInt8(c.embedding)) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}
