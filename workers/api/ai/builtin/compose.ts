/**
 * The built-in generator: answers from the agent's own knowledge (retrieval over the snippets
 * and memories the caller passes), fills the rest with sentences from a trigram model trained on
 * the agent's text, frames it all in the persona's style, and obeys its boundaries. Pure and
 * deterministic: the same request and seed give the same text.
 */
import { POST_MAX_CHARS } from '../prompt';
import type { GenerateRequest, Persona, ResponseStyle } from '../types';
import { TrigramModel } from './ngram';
import { FALLBACK_CATCHPHRASES, FOLLOW_UPS, GREETINGS, OPENERS, QUIPS, REFUSALS, REMEMBERED, UNKNOWN, fill } from './phrases';
import { type Random, pick, weightedIndex } from './random';
import { type Fact, retrieveFacts } from './retrieve';
import { applyStyle } from './style';
import { capitalize, sameTerm, sentences, terminate, terms } from './text';

const GREETING = /^\s*(hi|hello|hey|hiya|howdy|greetings|good (morning|afternoon|evening))\b/i;
const QUESTION = /\?\s*$|^\s*(who|what|when|where|why|how|which|is|are|do|does|did|can|could|will|would|should)\b/i;
const CURIOUS = /curious|inquisitive|inquiring|questioning/i;
const ENTHUSIASTIC = /enthusiastic|cheerful|upbeat|excitable|energetic|bubbly/i;

/** The trait and voice words that change what the agent does, not only its vocabulary. */
function temperament(persona: Persona) {
  const text = `${persona.traits.join(' ')} ${persona.voice}`;
  return { curious: CURIOUS.test(text), enthusiastic: ENTHUSIASTIC.test(text) };
}

/** The agent's own words: its bio, catchphrases, training snippets and what it said before. */
function train(request: GenerateRequest): TrigramModel {
  const model = new TrigramModel();
  model.train(request.persona.bio);
  for (const c of request.persona.catchphrases) model.train(terminate(c));
  for (const s of request.snippets) model.train(s.text);
  for (const turn of request.history) if (turn.role === 'agent') model.train(turn.text);
  return model;
}

function boundaryHit(persona: Persona, text: string): string | undefined {
  const said = terms(text);
  return persona.boundaries.find((b) => {
    const needed = terms(b);
    return needed.length > 0 && needed.every((n) => said.some((s) => sameTerm(n, s)));
  });
}

/** The persona topic closest to the words given, else one at random. */
function topicFor(persona: Persona, random: Random, keyTerms: readonly string[]): string {
  const related = persona.topics.find((t) => terms(t).some((tt) => keyTerms.some((k) => sameTerm(tt, k))));
  return related ?? pick(random, persona.topics) ?? 'this';
}

/**
 * Sentences from the language model, chosen among several samples for relevance to the
 * conversation, novelty, and a comfortable length; never one on a boundary topic or one
 * already said.
 */
function fillers(model: TrigramModel, random: Random, persona: Persona, wanted: readonly string[], avoid: Set<string>, count: number): string[] {
  const chosen: string[] = [];
  for (let n = 0; n < count; n++) {
    const samples: Array<{ text: string; score: number }> = [];
    for (let i = 0; i < 8; i++) {
      const s = model.sentence(random);
      if (!s || avoid.has(s.toLowerCase()) || boundaryHit(persona, s)) continue;
      const sTerms = terms(s);
      const relevance = wanted.filter((w) => sTerms.some((t) => sameTerm(t, w))).length;
      const length = sTerms.length >= 3 && sTerms.length <= 16 ? 0.5 : 0;
      samples.push({ text: s, score: relevance + length + (model.isVerbatim(s) ? 0 : 0.3) });
      avoid.add(s.toLowerCase());
    }
    if (samples.length === 0) break;
    // The best few compete by weight, so different seeds pick different sentences.
    const top = samples.sort((a, b) => b.score - a.score).slice(0, 3);
    chosen.push(terminate(capitalize(top[weightedIndex(random, top.map((t) => t.score + 0.5))]!.text)));
  }
  return chosen;
}

function catchphrase(persona: Persona, random: Random): string {
  return terminate(pick(random, persona.catchphrases) ?? pick(random, FALLBACK_CATCHPHRASES)!);
}

function factText(style: ResponseStyle, random: Random, fact: Fact): string {
  const s = terminate(fact.text);
  if (fact.from === 'snippet') return s;
  // A memory reads as a memory: "If I recall correctly, sam's dog…" keeps the remembered wording.
  const lowered = /^(The|Their|They|You|Your|He|She|His|Her|It|A|An|My)\b/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
  return fill(pick(random, REMEMBERED[style])!, { s: lowered });
}

/** At most `max` words, ending on a whole sentence where one fits. */
export function limitWords(text: string, max: number | undefined): string {
  if (max === undefined) return text;
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= max) return text;
  const head = words.slice(0, Math.max(1, max)).join(' ');
  const end = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '), /[.!?]$/.test(head) ? head.length - 1 : -1);
  return end > 0 ? head.slice(0, end + 1) : `${head.replace(/[,;:]$/, '')}…`;
}

function reply(request: GenerateRequest, random: Random): string {
  const { persona } = request;
  const style = persona.style;
  const mood = temperament(persona);
  const lastPerson = [...request.history].reverse().find((t) => t.role === 'person')?.text ?? '';
  const promptTerms = terms(request.prompt);
  // A bare follow-up ("and why?") leans on the person's previous message.
  const query = promptTerms.length < 2 ? `${request.prompt} ${lastPerson}` : request.prompt;
  const queryTerms = terms(query);
  const topic = topicFor(persona, random, queryTerms);

  const boundary = boundaryHit(persona, request.prompt);
  if (boundary) {
    return applyStyle(style, fill(pick(random, REFUSALS[style])!, { b: boundary, k: topic }).replace(/^\p{Ll}/u, (c) => c.toUpperCase()));
  }

  const model = train(request);
  const avoid = new Set(request.history.filter((t) => t.role === 'agent').flatMap((t) => sentences(t.text).map((s) => s.toLowerCase())));
  const facts = retrieveFacts(query, request.snippets, request.memories);
  for (const f of facts) avoid.add(f.text.toLowerCase());
  const wanted = [...queryTerms, ...terms(topic)];
  const parts: string[] = [];

  if (GREETING.test(request.prompt) && promptTerms.length <= 2 && facts.length === 0) {
    parts.push(fill(pick(random, GREETINGS[style])!, { n: persona.name }));
    parts.push(...fillers(model, random, persona, terms(topic), avoid, 1));
    parts.push(fill(pick(random, FOLLOW_UPS[style])!, { k: topic }));
    return finish(style, mood, parts);
  }

  const answers = facts.map((f) => factText(style, random, f));
  const unknown = answers.length === 0 && QUESTION.test(request.prompt) ? [pick(random, UNKNOWN[style])!] : [];
  const opener = style === 'humorous' ? catchphrase(persona, random) : style === 'casual' || (style === 'formal' && random() < 0.6) ? pick(random, OPENERS[style])! : '';
  avoid.add(opener.toLowerCase());
  const more = fillers(model, random, persona, wanted, avoid, answers.length ? 1 : 2);

  if (style === 'professional') {
    // Lead with the answer; anything further as short points.
    const [lead, ...rest] = [...answers, ...unknown, ...more];
    parts.push(lead ?? fill(pick(random, UNKNOWN.professional)!, {}));
    if (rest.length) parts.push(rest.map((r) => `- ${r}`).join('\n'));
    return applyStyle(style, parts.join('\n'));
  }

  parts.push(opener, ...answers, ...unknown, ...more);
  if (mood.curious && random() < 0.7) parts.push(fill(pick(random, FOLLOW_UPS[style])!, { k: topic }));
  if (style === 'humorous' && random() < 0.7) parts.push(fill(pick(random, QUIPS)!, { k: topic }));
  return finish(style, mood, parts);
}

function finish(style: ResponseStyle, mood: { enthusiastic: boolean }, parts: string[]): string {
  let text = applyStyle(style, parts.filter(Boolean).join(' '));
  // Enthusiasm shows as an exclamation, where the style allows one.
  if (mood.enthusiastic && (style === 'casual' || style === 'humorous')) text = text.replace(/\.(\s|$)/, '!$1');
  return text;
}

function hashtag(topic: string): string {
  const tag = topic
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w : capitalize(w)))
    .join('');
  return tag ? `#${tag}` : '';
}

/** A post of the agent's own about the subject (or one of its topics): never from memories, which are private. */
function post(request: GenerateRequest, random: Random): string {
  const { persona } = request;
  const style = persona.style;
  let subject = request.prompt.trim();
  if (!subject || boundaryHit(persona, subject)) subject = pick(random, persona.topics) ?? persona.bio;
  const subjectTerms = terms(subject);
  const topic = topicFor(persona, random, subjectTerms);
  const model = train(request);
  const facts = retrieveFacts(subject, request.snippets, [], 1);
  const opener = style === 'humorous' ? catchphrase(persona, random) : '';
  const avoid = new Set([opener.toLowerCase(), ...facts.map((f) => f.text.toLowerCase())]);
  const parts: string[] = [opener];
  parts.push(...facts.map((f) => terminate(f.text)));
  parts.push(...fillers(model, random, persona, [...subjectTerms, ...terms(topic)], avoid, facts.length ? 1 : 2));
  if (style === 'humorous' && random() < 0.5) parts.push(fill(pick(random, QUIPS)!, { k: topic }));
  const tag = persona.topics.length && random() < 0.8 ? ` ${hashtag(topic)}` : '';
  let body = finish(style, temperament(persona), parts);
  // Drop whole sentences from the end until the post and its hashtag fit; cut words only as a last resort.
  while (body.length + tag.length > POST_MAX_CHARS) {
    const cut = Math.max(body.lastIndexOf('. ', body.length - 2), body.lastIndexOf('! ', body.length - 2), body.lastIndexOf('? ', body.length - 2));
    if (cut <= 0) {
      body = `${body.slice(0, POST_MAX_CHARS - tag.length - 1).replace(/\s+\S*$/, '')}…`;
      break;
    }
    body = body.slice(0, cut + 1);
  }
  return (body + tag).trim();
}

export function compose(request: GenerateRequest, random: Random): string {
  const text = request.task === 'post' ? post(request, random) : reply(request, random);
  return limitWords(text, request.maxTokens);
}
