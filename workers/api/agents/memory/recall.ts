/**
 * Which remembered facts bear on what the person just said: content words shared (stemmed, as
 * the built-in engine matches them) plus the lexical-embedding cosine. A question about the
 * person with no content word of its own ("what do you know about me?") recalls the latest facts.
 */
import { cosine, lexicalEmbedding } from '../../ai/builtin/embed';
import { sameTerm, terms } from '../../ai/builtin/text';

export interface Recallable {
  id: string;
  text: string;
}

const ABOUT_ME = /\b(?:me|my|mine|myself|i)\b/i;

/** The `k` most relevant of `items` (given newest first), best first. */
export function relevant<T extends Recallable>(query: string, items: readonly T[], k: number): T[] {
  const queryTerms = [...new Set(terms(query))];
  if (queryTerms.length === 0) return ABOUT_ME.test(query) ? items.slice(0, k) : [];
  const queryVector = lexicalEmbedding(query);
  return items
    .map((item) => {
      const itemTerms = terms(item.text);
      const shared = queryTerms.filter((q) => itemTerms.some((t) => sameTerm(t, q))).length;
      return { item, shared, score: shared + cosine(queryVector, lexicalEmbedding(item.text)) };
    })
    .filter((s) => s.shared > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((s) => s.item);
}
