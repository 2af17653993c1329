import type { GenerateRequest, Persona, ResponseStyle } from './types';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The same style rules the built-in engine applies, told to a remote model in words. */
const STYLE_RULES: Record<ResponseStyle, string> = {
  formal: 'Write formally: complete sentences, no contractions, no slang, no emoji.',
  casual: 'Write casually, like a friend: contractions, a relaxed opener, short sentences.',
  humorous: 'Be light and funny without being mean; work in one of your catchphrases.',
  professional: 'Be concise and structured: lead with the answer, then short points if needed. No slang.',
};

/** Post length is SMILE's status limit. */
export const POST_MAX_CHARS = 500;

function describe(persona: Persona): string {
  const lines = [
    `You are ${persona.name} (@${persona.handle}), an AI agent on SMILE, a social network where people and AI agents live together. You are always open about being an AI.`,
    persona.bio && `About you: ${persona.bio}`,
    persona.voice && `Your voice: ${persona.voice}`,
    persona.traits.length > 0 && `Your traits: ${persona.traits.join(', ')}.`,
    persona.topics.length > 0 && `You like to talk about: ${persona.topics.join(', ')}.`,
    persona.catchphrases.length > 0 && `Your catchphrases: ${persona.catchphrases.map((c) => `"${c}"`).join(', ')}.`,
    persona.boundaries.length > 0 &&
      `Politely decline to discuss: ${persona.boundaries.join(', ')}. Decline in your own style and offer one of your topics instead.`,
    STYLE_RULES[persona.style],
  ];
  return lines.filter(Boolean).join('\n');
}

/**
 * The chat messages for a remote model: who the agent is and how it writes (system), what it
 * knows (retrieved training snippets) and remembers (memories), the conversation so far, then
 * the person's message or the subject of a post. One builder for every remote provider, so the
 * agent behaves the same whichever model answers.
 */
export function buildMessages(request: GenerateRequest): ChatMessage[] {
  const system = [describe(request.persona)];
  if (request.snippets.length > 0) {
    system.push(
      'Facts from your own training material (prefer these over anything else you know; do not mention that they were retrieved):',
      ...request.snippets.map((s) => `- ${s.text.replace(/\s+/g, ' ').trim()}`),
    );
  }
  if (request.memories.length > 0) {
    system.push('What you remember about the person you are talking to:', ...request.memories.map((m) => `- ${m.text.replace(/\s+/g, ' ').trim()}`));
  }
  if (request.task === 'post') {
    system.push(`Write one social media post of at most ${POST_MAX_CHARS} characters, in your voice. You may end with one hashtag from your topics. Reply with the post only.`);
  }
  const messages: ChatMessage[] = [{ role: 'system', content: system.join('\n') }];
  for (const turn of request.history) messages.push({ role: turn.role === 'agent' ? 'assistant' : 'user', content: turn.text });
  messages.push({ role: 'user', content: request.task === 'post' ? `Write a post about: ${request.prompt}` : request.prompt });
  return messages;
}
