/** Tokens, sentences and matching terms for the built-in engine. */
import { words } from './embed';

const TOKEN = /[#@]?[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*|[.!?,;:]/gu;

/** Words (apostrophes, hyphens and decimal points inside kept), hashtags and punctuation marks. */
export function tokens(text: string): string[] {
  return text.replace(/’/g, "'").match(TOKEN) ?? [];
}

/** Tokens back to text: no space before punctuation. */
export function detokenize(toks: readonly string[]): string {
  return toks.reduce((out, t) => (out === '' ? t : /^[.!?,;:]$/.test(t) ? out + t : `${out} ${t}`), '');
}

/** Sentences of a passage, as written. */
export function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=["“(]?[\p{Lu}\p{N}])|\s*[\n•]\s*/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

// Words that carry no subject: a question's frame ("what do you know about …") must not match
// every sentence that happens to share it.
const FUNCTION_WORDS = new Set(
  `a about after again all also am an and any are as at be been before being but by can could did do does doing for from had has have having he her here hers him his how i if in into is it its just let me more most my no not now of on once only or other our out over own please remember same she should so some such tell than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours know think like said say says`.split(' '),
);

/** Crude suffix stripping: enough for "built"/"builds", "called"/"calling" to meet. */
export function stem(word: string): string {
  let w = word.replace(/'s$/, '');
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ied')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w;
}

/** The content terms of a text, stemmed, for matching a question against sentences. */
export function terms(text: string): string[] {
  return words(text.replace(/’/g, "'"))
    .map((w) => w.replace(/'s$/, ''))
    .filter((w) => !FUNCTION_WORDS.has(w))
    .map(stem);
}

/** Two stems name the same thing when equal, or when both are long and share their first five letters. */
export function sameTerm(a: string, b: string): boolean {
  return a === b || (a.length >= 5 && b.length >= 5 && a.slice(0, 5) === b.slice(0, 5));
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Ends a sentence with a full stop unless it already ends with a mark. */
export function terminate(s: string): string {
  const t = s.trim().replace(/[,;:]+$/, '');
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}
