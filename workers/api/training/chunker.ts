/**
 * Splits extracted text into passages for retrieval: about 500–800 characters, cut at paragraph
 * and sentence boundaries (a sentence longer than a passage is cut between words), each passage
 * after the first starting with the previous one's last sentence when it is short, so a fact
 * that straddles a cut is still found whole in one passage.
 */
export const CHUNK_MIN_CHARS = 500;
export const CHUNK_MAX_CHARS = 800;
const OVERLAP_MAX_CHARS = 200;

/** Sentences (and lines, for line-shaped text such as CSV rows and JSON paths), whitespace collapsed. */
function sentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const pieces = paragraph
      .split(/\n|(?<=[.!?…])\s+(?=\S)/)
      .map((s) => s.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
    out.push(...pieces.flatMap(splitLong));
    // An empty string marks the paragraph end: a good place to cut.
    if (pieces.length) out.push('');
  }
  return out;
}

function splitLong(sentence: string): string[] {
  if (sentence.length <= CHUNK_MAX_CHARS) return [sentence];
  const parts: string[] = [];
  let rest = sentence;
  while (rest.length > CHUNK_MAX_CHARS) {
    const cut = rest.lastIndexOf(' ', CHUNK_MAX_CHARS);
    const at = cut > CHUNK_MAX_CHARS / 2 ? cut : CHUNK_MAX_CHARS;
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

export function chunkText(text: string): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let length = 0;
  /** Sentences added since the last cut: the overlap alone is never a passage. */
  let fresh = 0;
  const close = () => {
    if (fresh === 0) return;
    chunks.push(current.join(' '));
    const last = current[current.length - 1]!;
    current = last.length <= OVERLAP_MAX_CHARS && current.length > 1 ? [last] : [];
    length = current.length ? last.length : 0;
    fresh = 0;
  };
  for (const s of sentences(text)) {
    if (s === '') {
      if (length >= CHUNK_MIN_CHARS) close();
      continue;
    }
    if (length + 1 + s.length > CHUNK_MAX_CHARS) {
      close();
      // A carried sentence that leaves no room for the next one is dropped.
      if (length + 1 + s.length > CHUNK_MAX_CHARS) {
        current = [];
        length = 0;
      }
    }
    current.push(s);
    length += (length ? 1 : 0) + s.length;
    fresh++;
  }
  close();
  return chunks;
}
