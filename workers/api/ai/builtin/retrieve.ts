/**
 * Answering by retrieval: the sentences of the retrieved snippets and memories that best match
 * the question. Scoring is word overlap weighted by rarity (IDF over the candidate sentences),
 * normalised by sentence length, with the lexical-embedding cosine as a tie-breaker; a sentence
 * must cover a good share of the question's weight to count as an answer.
 */
import type { Memory, Snippet } from '../types';
import { cosine, lexicalEmbedding } from './embed';
import { sameTerm, sentences, terms } from './text';

export interface Fact {
  text: string;
  from: 'snippet' | 'memory';
  score: number;
}

/** Share of the question's weight a sentence must carry to be an answer. */
const MIN_COVERAGE = 0.34;

export function retrieveFacts(query: string, snippets: readonly Snippet[], memories: readonly Memory[], limit = 2): Fact[] {
  const queryTerms = [...new Set(terms(query))];
  if (queryTerms.length === 0) return [];
  const candidates = [
    ...snippets.flatMap((s) => sentences(s.text).map((text) => ({ text, from: 'snippet' as const }))),
    ...memories.flatMap((m) => sentences(m.text).map((text) => ({ text, from: 'memory' as const }))),
  ].map((c) => ({ ...c, terms: new Set(terms(c.text)) }));
  if (candidates.length === 0) return [];

  const has = (set: Set<string>, term: string) => set.has(term) || [...set].some((t) => sameTerm(t, term));
  const idf = new Map(queryTerms.map((q) => [q, Math.log(1 + candidates.length / (1 + candidates.filter((c) => has(c.terms, q)).length))]));
  const total = [...idf.values()].reduce((a, b) => a + b, 0);
  const queryVector = lexicalEmbedding(query);

  const scored = candidates
    .map((c) => {
      const shared = queryTerms.filter((q) => has(c.terms, q));
      const weight = shared.reduce((sum, q) => sum + idf.get(q)!, 0);
      const coverage = total > 0 ? weight / total : 0;
      // Long sentences match more words by chance; a light length penalty keeps answers crisp.
      const score = coverage / Math.pow(Math.max(c.terms.size, 4) / 4, 0.25) + 0.1 * cosine(queryVector, lexicalEmbedding(c.text));
      return { text: c.text, from: c.from, score, coverage, shared: shared.length };
    })
    .filter((c) => c.shared > 0 && (c.coverage >= MIN_COVERAGE || c.shared >= 2))
    .sort((a, b) => b.score - a.score);

  const best = scored[0]?.score ?? 0;
  const seen = new Set<string>();
  const facts: Fact[] = [];
  for (const c of scored) {
    if (facts.length >= limit || c.score < best * 0.6) break;
    const key = c.text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    facts.push({ text: c.text, from: c.from, score: c.score });
  }
  return facts;
}
