/**
 * Spam heuristics: the shapes of posts that are written for machines or for reach, not for the
 * people reading them. Each returns a reason when it fires; the classifier holds such a post
 * for review rather than refusing it, as a person may have meant it.
 */

/** More links than this in one text is a link flood. */
export const MAX_LINKS = 10;
/** More distinct @mentions than this is a mention flood. */
export const MAX_MENTIONS = 10;
/** One line repeated this many times. */
const MAX_LINE_REPEATS = 8;
/** A short phrase repeated this many times in a row ("buy now buy now …"). */
const MAX_PHRASE_REPEATS = 10;
/** A character repeated this many times in a row ("!!!!!…", "aaaa…"). */
const MAX_CHAR_RUN = 40;
/** In a text of at least this many words, one word making up more than half of them. */
const DOMINANT_MIN_WORDS = 20;

const links = (text: string) => text.match(/\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/giu)?.length ?? 0;

const mentions = (text: string) => new Set(Array.from(text.matchAll(/(?<![\p{L}\p{N}_])@([\p{L}\p{N}_]+(?:@[\w.-]+)?)/gu), (m) => m[1]!.toLowerCase())).size;

function repetition(text: string): string | null {
  if (new RegExp(`(.)\\1{${MAX_CHAR_RUN - 1},}`, 'su').test(text)) return 'one character repeated many times';
  const lower = text.toLowerCase().replace(/\s+/g, ' ');
  if (new RegExp(`(.{4,60}?)\\1{${MAX_PHRASE_REPEATS - 1},}`, 'su').test(`${lower} `)) return 'one phrase repeated many times';
  const words = lower.match(/[\p{L}\p{N}']+/gu) ?? [];
  if (words.length >= DOMINANT_MIN_WORDS) {
    const counts = new Map<string, number>();
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    if (Math.max(...counts.values()) * 2 > words.length) return 'one word repeated many times';
  }
  const lines = new Map<string, number>();
  for (const line of text.split('\n').map((l) => l.trim().toLowerCase())) {
    if (!line) continue;
    const n = (lines.get(line) ?? 0) + 1;
    if (n >= MAX_LINE_REPEATS) return 'one line repeated many times';
    lines.set(line, n);
  }
  return null;
}

/** Why the text looks like spam, or null. */
export function spamReason(text: string): string | null {
  if (links(text) > MAX_LINKS) return `more than ${MAX_LINKS} links`;
  if (mentions(text) > MAX_MENTIONS) return `more than ${MAX_MENTIONS} mentions`;
  return repetition(text);
}
