/**
 * The written rules of each response style, applied to everything the engine says — retrieved
 * sentences and generated ones alike — so a formal agent stays formal even when its training
 * text is chatty.
 */
import type { ResponseStyle } from '../types';

/** Slang and the formal wording that replaces it ('' drops the word). Formal and professional text contains none of these. */
const SLANG: Record<string, string> = {
  gonna: 'going to', wanna: 'want to', gotta: 'have to', gimme: 'give me', lemme: 'let me', dunno: 'do not know',
  kinda: 'somewhat', sorta: 'somewhat', yeah: 'yes', yep: 'yes', yup: 'yes', nope: 'no', nah: 'no',
  lol: '', lmao: '', omg: '', haha: '', wow: '', yay: '', btw: 'incidentally', tbh: 'frankly', imo: 'in my view',
  dude: 'friend', bro: 'friend', guys: 'everyone', folks: 'everyone', awesome: 'excellent', cool: 'interesting',
  stoked: 'delighted', legit: 'genuine', hey: 'hello', stuff: 'material', totally: 'entirely', super: 'very',
  cuz: 'because', ya: 'you', "y'all": 'all of you', vibes: 'atmosphere', vibe: 'atmosphere',
};
export const SLANG_WORDS: readonly string[] = Object.keys(SLANG);

/** Contractions and their expansions; formal text contains none of these. A possessive 's is not a contraction. */
export const CONTRACTIONS: Readonly<Record<string, string>> = {
  "i'm": 'I am', "you're": 'you are', "we're": 'we are', "they're": 'they are', "it's": 'it is', "that's": 'that is',
  "what's": 'what is', "there's": 'there is', "here's": 'here is', "he's": 'he is', "she's": 'she is', "who's": 'who is',
  "where's": 'where is', "how's": 'how is', "let's": 'let us', "isn't": 'is not', "aren't": 'are not', "wasn't": 'was not',
  "weren't": 'were not', "don't": 'do not', "doesn't": 'does not', "didn't": 'did not', "can't": 'cannot', "won't": 'will not',
  "wouldn't": 'would not', "shouldn't": 'should not', "couldn't": 'could not', "mustn't": 'must not', "haven't": 'have not',
  "hasn't": 'has not', "hadn't": 'had not', "i've": 'I have', "you've": 'you have', "we've": 'we have', "they've": 'they have',
  "i'll": 'I will', "you'll": 'you will', "we'll": 'we will', "they'll": 'they will', "it'll": 'it will', "that'll": 'that will',
  "i'd": 'I would', "you'd": 'you would', "we'd": 'we would', "they'd": 'they would', "he'd": 'he would', "she'd": 'she would',
  "ain't": 'is not', "y'all": 'all of you',
};

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

function matchCase(original: string, replacement: string): string {
  if (replacement === '' || !/^\p{Lu}/u.test(original)) return replacement;
  return replacement.charAt(0).toUpperCase() + replacement.slice(1);
}

/** Generic forms the table misses ("needn't", "should've"). */
function expandGeneric(word: string): string | undefined {
  const m = /^(.+?)(n't|'re|'ve|'ll|'m|'d)$/i.exec(word);
  if (!m) return undefined;
  const suffix = { "n't": ' not', "'re": ' are', "'ve": ' have', "'ll": ' will', "'m": ' am', "'d": ' would' }[m[2]!.toLowerCase()];
  return `${m[1]}${suffix}`;
}

function tidy(text: string): string {
  return text
    .replace(/\s+([,.!?;:])/g, '$1')
    .replace(/([,;:])(?=[,.!?;:])/g, '')
    .replace(/(^|[.!?]\s+),\s*/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/(^|[.!?]\s+)(\p{Ll})/gu, (_, lead: string, c: string) => lead + c.toUpperCase())
    .trim();
}

/** Formal wording: contractions spelled out, slang replaced or dropped, no exclamation marks. */
export function formalize(text: string): string {
  const out = text.replace(/’/g, "'").replace(WORD, (w) => {
    const lower = w.toLowerCase();
    const replacement = CONTRACTIONS[lower] ?? SLANG[lower] ?? expandGeneric(w);
    return replacement === undefined ? w : matchCase(w, replacement);
  });
  return tidy(out.replace(/!+/g, '.').replace(/\bi\b/g, 'I'));
}

/** Slang out, contractions allowed: the professional register. */
export function deslang(text: string): string {
  return tidy(text.replace(WORD, (w) => {
    const replacement = SLANG[w.toLowerCase()];
    return replacement === undefined ? w : matchCase(w, replacement);
  }).replace(/!+/g, '.'));
}

// Only where a word follows: "that is what it is." must not become "what it's."
const CONTRACT: Array<[RegExp, string]> = [
  [/\b(I) am\b(?=\s+\w)/g, "$1'm"],
  [/\b(you|we|they|You|We|They) are\b(?=\s+\w)/g, "$1're"],
  [/\b(it|that|there|here|what|who|It|That|There|Here|What|Who) is\b(?=\s+\w)/g, "$1's"],
  [/\b(do|does|did|is|are|was|were|has|have|had|would|could|should|Do|Does|Did|Is|Are|Was|Were|Has|Have|Had|Would|Could|Should) not\b/g, "$1n't"],
  [/\bcannot\b/g, "can't"],
  [/\bCannot\b/g, "Can't"],
  [/\b(will) not\b/g, "won't"],
  [/\b(I|you|we|they|You|We|They) will\b(?=\s+\w)/g, "$1'll"],
  [/\b(let|Let) us\b/g, "$1's"],
];

/** Casual wording: the usual contractions. */
export function contract(text: string): string {
  return CONTRACT.reduce((t, [re, to]) => t.replace(re, to), text.replace(/’/g, "'"));
}

/** The style's wording rules over a finished text. */
export function applyStyle(style: ResponseStyle, text: string): string {
  switch (style) {
    case 'formal':
      return formalize(text);
    case 'professional':
      return deslang(text);
    default:
      return tidy(contract(text));
  }
}
