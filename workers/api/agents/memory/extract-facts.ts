/**
 * Facts an agent learns about the person it talks to, read from the person's own messages by
 * rules: "my name is Sam", "I live in Lisbon", "I prefer tea", "I'm allergic to peanuts"... Each
 * fact is written in the second person ("You prefer tea"), the way the agent recalls it and the
 * way the person reads it in their memory page. Deterministic and pure: the same message always
 * gives the same facts.
 *
 * A fact has a `key` that says what it is about. Keys of single-valued things (`name`, `home`,
 * `job`, `favourite:colour`, ...) replace the earlier fact; on keys that hold several facts
 * (`like`, `allergy`, ...) a statement adds one, unless it corrects: "actually I prefer coffee"
 * updates the latest `prefer` fact, and liking what the person said they hate updates that fact.
 */

export interface ExtractedFact {
  /** What the fact is about: facts of one key are compared for corrections. */
  key: string;
  text: string;
  /** The thing liked, hated, lived in...: used to find the fact a contradiction updates. */
  object: string;
  /** Replaces the latest fact of its key instead of adding one. */
  replaces: boolean;
}

/** Keys with one value at a time: a new statement is the correction of the old one. */
const SINGLE = new Set(['name', 'home', 'origin', 'job', 'employer', 'age', 'birthday']);
const SENTIMENT = new Set(['like', 'love', 'prefer', 'dislike', 'hate']);

/** Words that mark a sentence as the correction of something said before. */
const CORRECTION = /^(?:actually|no|nope|wait|sorry|correction|oh|well|these days|nowadays|now|instead)\b[\s,]*/i;
const CORRECTION_ANYWHERE = /\b(?:anymore|any more|instead|these days|nowadays|not anymore)\b/i;

/** Trailing words that add nothing to the thing itself. */
const TAIL = /\s+(?:(?:very|so) much|a lot|a bit|too|as well|though|now|anymore|any more|instead|these days|nowadays|actually|really)$/i;

/** Pronouns of the person turned toward them: what they said of themselves, as the agent says it back. */
function secondPerson(text: string): string {
  const swap: Record<string, string> = { i: 'you', me: 'you', my: 'your', mine: 'yours', myself: 'yourself', "i'm": "you're", am: 'are' };
  return text.replace(/\b(?:i'm|i|me|my|mine|myself|am)\b/gi, (w) => swap[w.toLowerCase()] ?? w);
}

/** The object of a statement: up to a clause boundary, at most 8 words, without filler. */
function objectOf(raw: string): string | null {
  let s = raw.split(/\s*(?:[,;:()]|\s-\s|\b(?:and|but|because|since|so|although|which|when|if)\b)\s*/i)[0] ?? '';
  s = s.trim().replace(/[.!?…"']+$/, '');
  for (let before = ''; before !== s; ) {
    before = s;
    s = s.replace(TAIL, '').trim();
  }
  const words = s.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 8) return null;
  return secondPerson(words.join(' '));
}

const capitalizeWords = (s: string) => s.replace(/(^|\s)(\p{Ll})/gu, (_m, space: string, c: string) => space + c.toUpperCase());

interface Rule {
  pattern: RegExp;
  /** The fact from the pattern's captures; null when the capture is not a fact (e.g. a question word). */
  make: (m: RegExpMatchArray) => { key: string; text: string; object: string } | null;
}

const NAME_WORD = /^[\p{L}][\p{L}'-]*(?:\s[\p{L}][\p{L}'-]*)?$/u;
const NOT_A_NAME = /^(?:not|a|an|the|so|very|really|just|here|back|sure|fine|ok|okay|good|tired|sorry|allergic|from|going|trying|looking|feeling)\b/i;

function named(key: string, template: (name: string) => string) {
  return (m: RegExpMatchArray) => {
    const name = objectOf(m[1] ?? '');
    if (!name || !NAME_WORD.test(name) || NOT_A_NAME.test(name)) return null;
    const proper = capitalizeWords(name);
    return { key, text: template(proper), object: proper.toLowerCase() };
  };
}

function about(key: string, template: (object: string) => string) {
  return (m: RegExpMatchArray) => {
    const object = objectOf(m[m.length - 1] ?? '');
    return object ? { key, text: template(object), object: object.toLowerCase() } : null;
  };
}

const VERB_TEXT: Record<string, string> = { like: 'like', enjoy: 'like', love: 'love', adore: 'love', prefer: 'prefer', dislike: 'dislike', hate: 'hate', detest: 'hate' };
const VERB_KEY: Record<string, string> = { like: 'like', enjoy: 'like', love: 'love', adore: 'love', prefer: 'prefer', dislike: 'dislike', hate: 'hate', detest: 'hate' };

/** Adverbs allowed between "I" and the verb: "I really like", "I actually prefer". */
const ADV = String.raw`(?:(?:really|also|actually|now|still|absolutely|totally|definitely|much|usually|generally|kind of|kinda)\s+)*`;

const RULES: Rule[] = [
  { pattern: /\bmy name is\s+(.+)/i, make: named('name', (n) => `Your name is ${n}`) },
  { pattern: /\b(?:call me|i go by)\s+(.+)/i, make: named('name', (n) => `You like to be called ${n}`) },
  { pattern: /\bi(?:'m| am)\s+called\s+(.+)/i, make: named('name', (n) => `Your name is ${n}`) },
  { pattern: new RegExp(String.raw`\bi\s+${ADV}live\s+in\s+(.+)`, 'i'), make: about('home', (o) => `You live in ${capitalizeWords(o)}`) },
  { pattern: /\bi(?:'m| am)\s+(?:originally\s+)?from\s+(.+)/i, make: about('origin', (o) => `You are from ${capitalizeWords(o)}`) },
  { pattern: /\bi(?:'m| am)\s+(?:very\s+|severely\s+|mildly\s+|a bit\s+)?allergic\s+to\s+(.+)/i, make: about('allergy', (o) => `You are allergic to ${o}`) },
  { pattern: new RegExp(String.raw`\bi\s+${ADV}work\s+as\s+(.+)`, 'i'), make: about('job', (o) => `You work as ${o}`) },
  { pattern: /\bmy (?:job|profession|occupation) is\s+(.+)/i, make: about('job', (o) => `Your job is ${o}`) },
  { pattern: new RegExp(String.raw`\bi\s+${ADV}work\s+(?:at|for)\s+(.+)`, 'i'), make: about('employer', (o) => `You work at ${o}`) },
  { pattern: /\bmy birthday is(?: on)?\s+(.+)/i, make: about('birthday', (o) => `Your birthday is ${o}`) },
  { pattern: /\bi(?:'m| am)\s+(\d{1,3})\s+(?:years old|yo)\b/i, make: (m) => ({ key: 'age', text: `You are ${m[1]} years old`, object: m[1]! }) },
  {
    pattern: /\bmy (?:favou?rite)\s+([\p{L}\s]{2,30}?)\s+is\s+(.+)/iu,
    make: (m) => {
      const thing = m[1]!.trim().toLowerCase();
      const object = objectOf(m[2] ?? '');
      return object ? { key: `favourite:${thing}`, text: `Your favourite ${thing} is ${object}`, object: object.toLowerCase() } : null;
    },
  },
  {
    pattern: /\bmy\s+(dog|cat|pet|rabbit|bird|horse|partner|wife|husband|boyfriend|girlfriend|son|daughter|brother|sister|mother|mom|mum|father|dad|friend|best friend)(?:'s name)?\s+is\s+(?:called\s+|named\s+)?(.+)/i,
    make: (m) => {
      const who = m[1]!.toLowerCase();
      return named(`named:${who}`, (n) => `Your ${who} is called ${n}`)([m[0]!, m[2]!]);
    },
  },
  {
    pattern: new RegExp(String.raw`\bi\s+${ADV}(?:do not|don't|dont)\s+(?:really\s+)?(?:like|enjoy)\s+(.+)`, 'i'),
    make: about('dislike', (o) => `You do not like ${o}`),
  },
  { pattern: /\bi\s+(?:can't|cannot|can not)\s+stand\s+(.+)/i, make: about('hate', (o) => `You cannot stand ${o}`) },
  {
    pattern: new RegExp(String.raw`\bi\s+${ADV}(like|enjoy|love|adore|prefer|dislike|hate|detest)\s+(.+)`, 'i'),
    make: (m) => {
      const verb = m[1]!.toLowerCase();
      // "I prefer tea to coffee": the preference is tea.
      const object = objectOf((m[2] ?? '').replace(/\s+(?:to|over|rather than)\s+.*$/i, ''));
      if (!object || /^(?:it|that|this|them|you|yours|when|how|what)\b/i.test(object)) return null;
      return { key: VERB_KEY[verb]!, text: `You ${VERB_TEXT[verb]} ${object}`, object: object.toLowerCase() };
    },
  },
];

/** The message's statements: sentences, then clauses joined by "and" / "but" that start again with "I" or "my". */
function statements(message: string): Array<{ text: string; correction: boolean }> {
  const sentences = message
    .replace(/’/g, "'")
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return sentences.flatMap((sentence) => {
    // Questions state nothing about the person ("do I like tea?").
    if (/\?\s*$/.test(sentence)) return [];
    const correction = CORRECTION.test(sentence) || CORRECTION_ANYWHERE.test(sentence);
    return sentence.split(/[,;]?\s+(?:and|but)\s+(?=(?:i|my|call me)\b)/i).map((text) => ({ text: text.replace(CORRECTION, ''), correction }));
  });
}

/** Hypotheticals and reported speech are not facts about the person. */
const NOT_ABOUT_ME = /\b(?:if|would|wish|maybe|perhaps|might|whether|do you|does|did you|they|he|she)\b[^.]*\bi\b/i;

/** Every fact the message states about its author, in the order said; at most one per key and object. */
export function extractFacts(message: string): ExtractedFact[] {
  const out: ExtractedFact[] = [];
  for (const { text, correction } of statements(message)) {
    if (NOT_ABOUT_ME.test(text)) continue;
    for (const rule of RULES) {
      const m = text.match(rule.pattern);
      if (!m) continue;
      const fact = rule.make(m);
      if (!fact) continue;
      if (!out.some((f) => f.key === fact.key && f.object === fact.object)) out.push({ ...fact, replaces: SINGLE.has(fact.key) || fact.key.startsWith('favourite:') || fact.key.startsWith('named:') || correction });
      break;
    }
  }
  return out;
}

/** Keys whose facts contradict each other about one object: liking what one said one hates. */
export function contradicts(a: { key: string; object: string }, b: { key: string; object: string }): boolean {
  if (!SENTIMENT.has(a.key) || !SENTIMENT.has(b.key) || a.object !== b.object) return false;
  const positive = (k: string) => k === 'like' || k === 'love' || k === 'prefer';
  return positive(a.key) !== positive(b.key);
}

