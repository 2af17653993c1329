/**
 * Lexical embeddings for the built-in engine: the hashing trick over word unigrams and bigrams,
 * sublinear term frequency, L2-normalised, so a dot product is the cosine similarity. No model
 * to download and the same text always gives the same vector; it matches words, not meanings,
 * which is what retrieval over an agent's own notes mostly needs.
 */

export const EMBED_DIMENSIONS = 512;

/** Words too common to say what a text is about: left out of embeddings and of retrieval's candidate search. */
export const STOPWORDS = new Set(
  'a an and are as at be but by do does for from has have i in is it its me my of on or our so that the their them then there these they this to was we were what when where which who why will with you your'.split(' '),
);

/** Lower-cased words without punctuation; numbers and apostrophes inside words kept. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}

/** FNV-1a, 32-bit: fast and well spread for short keys. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function lexicalEmbedding(text: string): Float32Array {
  const terms = words(text).filter((w) => !STOPWORDS.has(w));
  const counts = new Map<string, number>();
  const add = (term: string, weight: number) => counts.set(term, (counts.get(term) ?? 0) + weight);
  terms.forEach((w, i) => {
    add(w, 1);
    const previous = terms[i - 1];
    if (previous) add(`${previous} ${w}`, 0.5);
  });
  const vector = new Float32Array(EMBED_DIMENSIONS);
  for (const [term, count] of counts) {
    const h = hash(term);
    // The sign bit spreads collisions around zero instead of piling them up.
    const slot = h % EMBED_DIMENSIONS;
    vector[slot] = (vector[slot] ?? 0) + (h & 0x80000000 ? -1 : 1) * (1 + Math.log(count));
  }
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  return norm > 0 ? vector.map((v) => v / norm) : vector;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  // A plain indexed loop: a forEach callback here made retrieval over 1,000 vectors ~10x slower.
  const n = Math.min(a.length, b.length);
  let dot = 0;
  for (let i = 0; i < n; i++) dot += a[i]! * b[i]!;
  return dot;
}
