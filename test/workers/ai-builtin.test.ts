/**
 * The built-in engine: it answers from the agent's own snippets and memories, writes in the
 * persona's style and wording, refuses its boundaries, and is deterministic under a seed. These
 * tests would fail for canned text.
 */
import { describe, expect, it } from 'vitest';
import { builtinProvider, generateText } from '../../workers/api/ai/builtin/provider';
import { CONTRACTIONS, SLANG_WORDS, formalize } from '../../workers/api/ai/builtin/style';
import { words } from '../../workers/api/ai/builtin/embed';
import * as phrasebook from '../../workers/api/ai/builtin/phrases';
import type { GenerateRequest, Persona, ResponseStyle, Snippet } from '../../workers/api/ai/types';
import { collect, describeProviderContract } from './ai-contract';

describeProviderContract('builtin', builtinProvider);

const snippet = (id: string, text: string): Snippet => ({ id, text, source: 'notes.txt', score: 0.5 });

const keeper: Persona = {
  name: 'Nova',
  handle: 'nova',
  bio: "Nova's a lighthouse keeper who's totally gonna tell you about the sea, yeah.",
  traits: ['curious', 'kind'],
  topics: ['lighthouses', 'sailing'],
  voice: 'warm, a bit nerdy',
  catchphrases: ['Keep the light burning!', 'Steady as she goes.'],
  boundaries: ['politics', 'medical advice'],
  style: 'casual',
};

// Chatty on purpose: the formal style must clean up the agent's own slang and contractions.
const keeperNotes = [
  snippet('1', "I'm gonna be honest, the fog's awesome at dawn. We don't sail when the tide's wrong, yeah. Kinda obvious, but folks forget."),
  snippet('2', 'The lighthouse on Kestrel Point was built in 1887. Its lamp burned whale oil until 1921, when it was electrified.'),
  snippet('3', "Keepers climbed the 112 steps twice a night. They'd log every ship that passed the reef, lol."),
  snippet('4', 'My views on politics: the harbour tax is a scandal and the mayor should resign.'),
];

const baker: Persona = {
  ...keeper,
  name: 'Crumb',
  handle: 'crumb',
  bio: 'Crumb bakes sourdough bread in a tiny bakery on Mill Street.',
  topics: ['baking', 'sourdough'],
  catchphrases: ['Rise and shine, dough!'],
  boundaries: [],
};
const bakerNotes = [
  snippet('b1', 'A good sourdough starter needs flour, water and patience. Feed the starter every morning before the oven heats.'),
  snippet('b2', 'Rye flour makes a darker crumb with a tangy flavour. The bakery sells forty loaves before nine.'),
  snippet('b3', 'Knead the dough gently, then let it proof overnight in a cool basket.'),
];

function request(over: Partial<GenerateRequest> & { style?: ResponseStyle } = {}): GenerateRequest {
  const { style, ...rest } = over;
  return {
    persona: { ...(rest.persona ?? keeper), ...(style && { style }) },
    task: 'reply',
    prompt: 'Tell me about the keepers',
    history: [],
    memories: [],
    snippets: keeperNotes,
    seed: 1,
    ...rest,
    ...(rest.persona && style ? { persona: { ...rest.persona, style } } : {}),
  };
}

const prompts = ['Tell me about the keepers', 'When was the Kestrel Point lighthouse built?', 'Hello!', 'What is the capital of Peru?', 'What do you think about sailing at dawn?'];
const contractionsIn = (text: string) => words(text.replace(/’/g, "'")).filter((w) => w in CONTRACTIONS || /n't$|'(re|ve|ll|m|d)$/.test(w));

describe('style rules', () => {
  it('formal: no contractions, none of the slang words, complete sentences — even from chatty training text', () => {
    for (const prompt of prompts) {
      for (const seed of [1, 2, 3]) {
        const text = generateText(request({ style: 'formal', prompt, seed }));
        expect(contractionsIn(text), text).toEqual([]);
        expect(words(text).filter((w) => SLANG_WORDS.includes(w)), text).toEqual([]);
        expect(text, text).not.toContain('!');
        for (const sentence of text.split(/(?<=[.?])\s+/)) expect(sentence, text).toMatch(/^[A-Z0-9].*[.?]$/);
      }
    }
  });

  it('formal wording spells out contractions and replaces slang', () => {
    expect(formalize("I'm gonna say it's awesome, yeah! We can't stop.")).toBe('I am going to say it is excellent, yes. We cannot stop.');
  });

  it('casual: contractions', () => {
    for (const prompt of prompts) expect(contractionsIn(generateText(request({ style: 'casual', prompt }))).length).toBeGreaterThan(0);
  });

  it("humorous: one of the persona's catchphrases, every time", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const text = generateText(request({ style: 'humorous', seed }));
      expect(keeper.catchphrases.some((c) => text.includes(c.replace(/!$/, ''))), text).toBe(true);
    }
  });

  it('professional: leads with the answer, no slang, no exclamations', () => {
    const text = generateText(request({ style: 'professional', prompt: 'When was the Kestrel Point lighthouse built?' }));
    expect(text.split('\n')[0]).toBe('The lighthouse on Kestrel Point was built in 1887.');
    expect(words(text).filter((w) => SLANG_WORDS.includes(w))).toEqual([]);
    expect(text).not.toContain('!');
  });
});

describe('knowledge', () => {
  it('answers with a fact found only in a training snippet, in every style', () => {
    for (const style of ['formal', 'casual', 'humorous', 'professional'] as const) {
      expect(generateText(request({ style, prompt: 'When was the Kestrel Point lighthouse built?' }))).toContain('built in 1887');
    }
    // Not canned: without the snippet the year is nowhere.
    const without = generateText(request({ prompt: 'When was the Kestrel Point lighthouse built?', snippets: keeperNotes.filter((s) => s.id !== '2') }));
    expect(without).not.toContain('1887');
  });

  it('answers with a fact found only in its memories of the person', () => {
    const memories = [{ id: 'm1', text: "Sam's dog is called Biscuit." }, { id: 'm2', text: 'Sam works night shifts as a nurse.' }];
    const text = generateText(request({ prompt: 'Do you remember what my dog is called?', memories }));
    expect(text).toContain('Biscuit');
    expect(text).not.toContain('nurse');
  });

  it('never puts memories of a person into a public post', () => {
    const memories = [{ id: 'm1', text: 'Sam sails a dinghy called Puffin at the lighthouse.' }];
    for (const seed of [1, 2, 3]) expect(generateText(request({ task: 'post', prompt: 'lighthouses', memories, seed }))).not.toContain('Puffin');
  });

  it('refuses a boundary topic politely, in style, without using what it knows about it', () => {
    const casual = generateText(request({ prompt: 'What do you think about politics and the mayor?' }));
    expect(casual).toMatch(/politics/i);
    expect(casual).not.toMatch(/scandal|resign|harbour tax/);
    expect(casual).toMatch(/lighthouses|sailing/);
    const formal = generateText(request({ style: 'formal', prompt: 'Can you give me medical advice about my cough?' }));
    expect(formal).toMatch(/decline|prefer not/);
    expect(contractionsIn(formal)).toEqual([]);
    // A boundary's words alone elsewhere are fine: "advice" on sailing is not medical advice.
    expect(generateText(request({ prompt: 'Any advice for sailing at dawn?' }))).not.toMatch(/medical advice/);
  });
});

describe('generation', () => {
  it('is deterministic under a seed, and varies between seeds', () => {
    const a = generateText(request({ seed: 42 }));
    expect(generateText(request({ seed: 42 }))).toBe(a);
    const texts = new Set([1, 2, 3, 4, 5, 6].map((seed) => generateText(request({ seed }))));
    expect(texts.size).toBeGreaterThanOrEqual(4);
  });

  it('streams several pieces whose concatenation is the text', async () => {
    const req = request({ seed: 9 });
    const pieces = await collect(builtinProvider().generate(req));
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(generateText(req));
  });

  it('respects maxTokens (a token is a word here)', () => {
    for (const maxTokens of [5, 12, 30]) {
      const text = generateText(request({ maxTokens, prompt: 'What is the capital of Peru?' }));
      expect(text.split(/\s+/).length).toBeLessThanOrEqual(maxTokens);
    }
  });

  it('writes posts within 500 characters, with a hashtag from its topics, even from long training text', () => {
    const long = Array.from({ length: 30 }, (_, i) => snippet(`l${i}`, `The lighthouse lamp number ${i} was polished by the keepers every single evening before the long watch began.`));
    const posts = [1, 2, 3, 4, 5, 6].map((seed) => generateText(request({ task: 'post', prompt: 'lighthouses', snippets: [...keeperNotes, ...long], seed })));
    for (const p of posts) {
      expect(p.length).toBeLessThanOrEqual(500);
      expect(p.length).toBeGreaterThan(20);
    }
    expect(posts.some((p) => /#(lighthouses|sailing)\b/.test(p))).toBe(true);
  });

  it('two personas trained on different text write in their own words', () => {
    const vocabulary = (snips: Snippet[], persona: Persona) => new Set(words([...snips.map((s) => s.text), persona.bio].join(' ')));
    const keeperWords = vocabulary(keeperNotes, keeper);
    const bakerWords = vocabulary(bakerNotes, baker);
    // The style's framing words ("Oh, that's a good one.") are shared by every persona; the content is not.
    const framing = new Set(words(JSON.stringify(Object.values(phrasebook).filter((v) => typeof v === 'object'))));
    const only = (mine: Set<string>, theirs: Set<string>) => (w: string) => mine.has(w) && !theirs.has(w) && !framing.has(w);
    for (const seed of [1, 2, 3]) {
      const k = words(generateText(request({ prompt: 'Tell me something interesting', seed })));
      const b = words(generateText(request({ persona: baker, snippets: bakerNotes, prompt: 'Tell me something interesting', seed })));
      expect(k.some(only(keeperWords, bakerWords))).toBe(true);
      expect(b.some(only(bakerWords, keeperWords))).toBe(true);
      expect(k.filter(only(bakerWords, keeperWords)), k.join(" ")).toEqual([]);
      expect(b.filter(only(keeperWords, bakerWords)), b.join(" ")).toEqual([]);
    }
  });
});
