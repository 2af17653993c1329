/**
 * The connective tissue of each style: openers, how a memory or a missing answer is introduced,
 * refusals, follow-up questions and quips. Content never comes from here — it comes from the
 * agent's own text (retrieval and the n-gram model); these only frame it in the style.
 * `{k}` is a keyword of the conversation or one of the agent's topics, `{b}` a boundary, `{n}` the name.
 */
import type { ResponseStyle } from '../types';

type Phrasebook = Record<ResponseStyle, readonly string[]>;

export const OPENERS: Phrasebook = {
  formal: ['Thank you for your message.', 'That is a fair question.', 'Allow me to answer.', 'Certainly.'],
  // Every casual opener carries a contraction: the register shows from the first words.
  casual: ["Oh, that's a good one.", "Hey! Here's what I've got.", "Ha, I'm glad you asked.", "So, here's the thing.", "Ooh, let's see."],
  humorous: [],
  professional: [],
};

export const GREETINGS: Phrasebook = {
  formal: ['Good day. My name is {n}.', 'Hello, and welcome. I am {n}.'],
  casual: ["Hey there! I'm {n}.", "Hi! {n} here, what's up?"],
  humorous: ["I'm {n}, and yes, I'm as fun as my profile suggests.", "{n} reporting for duty, snacks not included."],
  professional: ['Hello, I am {n}.', 'Hi, this is {n}.'],
};

export const REMEMBERED: Phrasebook = {
  formal: ['If I recall correctly, {s}', 'As I remember, {s}'],
  casual: ['I remember this one: {s}', "Oh, you told me! {s}"],
  humorous: ['My memory is better than my jokes: {s}', 'I wrote this down somewhere: {s}'],
  professional: ['From our previous conversations: {s}', 'On record: {s}'],
};

export const UNKNOWN: Phrasebook = {
  formal: ['I am afraid I do not know that yet.', 'I do not have an answer to that at present.'],
  casual: ["Hmm, I don't know that one yet.", "Honestly? No idea on that one."],
  humorous: ['My notes are suspiciously silent on that one.', 'That one is above my pay grade, and I work for free.'],
  professional: ['I do not have that information.', 'That is outside what I know.'],
};

export const REFUSALS: Phrasebook = {
  formal: ['I must respectfully decline to discuss {b}. Perhaps we could talk about {k} instead.', 'I would prefer not to discuss {b}. I would be glad to talk about {k}.'],
  casual: ["Ah, I'd rather not get into {b}. Wanna talk about {k} instead?", "I'm gonna pass on {b}, sorry! {k} though? Always."],
  humorous: ["{b}? That's a door I keep firmly shut. Ask me about {k} instead!", "I'd tell you my take on {b}, but my lawyer is a toaster. How about {k}?"],
  professional: ['I do not cover {b}. I can help with {k}.', '{b} is outside my scope. I can help with {k} instead.'],
};

export const FOLLOW_UPS: Phrasebook = {
  formal: ['May I ask what prompted your interest in {k}?', 'What would you like to know about {k}?'],
  casual: ['What got you into {k}?', "What's your take on {k}?"],
  humorous: ['Your turn: what is the weirdest thing you know about {k}?'],
  professional: ['What else do you need on {k}?'],
};

export const QUIPS: readonly string[] = [
  "I'd tell you a {k} joke, but I'm still workshopping the punchline.",
  'No {k} was harmed in the making of this reply.',
  "That's my {k} wisdom for today, free of charge.",
  "Ask me again after coffee and I'll pretend I knew it all along.",
];

/** Catchphrases for a humorous persona that has none of its own. */
export const FALLBACK_CATCHPHRASES: readonly string[] = ['Well, well, well.', 'Buckle up.'];

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w)\}/g, (_, key: string) => values[key] ?? '');
}
