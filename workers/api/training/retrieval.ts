/**
 * Retrieval over an agent's training data, called on every chat reply: FTS5 finds the passages
 * that share words with the query (bm25, at most `CANDIDATES`), and those are re-ranked by the
 * cosine of their stored int8 embedding with the query's. Reading every stored vector instead
 * cost p50 29–39 ms / p95 65 ms for 1,000 passages of ~600 characters inside workerd (int8;
 * Float32 was 8× slower), against p50 28 ms / p95 46 ms for the candidate query on the same
 * busy machine, and the candidate query's cost does not grow with the agent's data. The
 * price: a passage with no word in common with the query is never found (a semantic provider
 * would find it); docs/agents.md has the figures.
 */
import { and, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { Env } from '../../env';
import { getAiProvider } from '../ai/providers';
import type { Snippet } from '../ai/types';
import { trainingChunks, trainingFiles } from '../db/training';
import { asInt8, cosineInt8 } from './vectors';

export const CANDIDATES = 64;
const MAX_TERMS = 32;

/** The query's distinct words as an FTS5 expression (any of them), or null when it has none. */
export function candidateQuery(agentId: string, query: string): string | null {
  const terms = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, MAX_TERMS);
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
