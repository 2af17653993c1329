/**
 * The AI provider contract: one interface for text generation (streamed), embeddings and
 * moderation, with three implementations chosen by configuration (`providers.ts`): the Workers AI
 * binding, any OpenAI-compatible endpoint, and the built-in engine that works offline.
 * Callers assemble the context (persona, memories, retrieved snippets); providers only generate.
 */
import type { AgentStyle } from '../../../shared/agents/templates';

/** The response styles agents are created with (`shared/agents/templates.ts`). */
export type ResponseStyle = AgentStyle;

/** What an agent is, as the generator needs it (the stored agent maps onto this). */
export interface Persona {
  name: string;
  handle: string;
  bio: string;
  traits: string[];
  topics: string[];
  voice: string;
  catchphrases: string[];
  /** Topics the agent refuses to talk about. */
  boundaries: string[];
  style: ResponseStyle;
}

export interface ChatTurn {
  role: 'person' | 'agent';
  text: string;
}

/** A passage retrieved from the agent's own training data. */
export interface Snippet {
  id: string;
  text: string;
  /** Where it came from, e.g. the training file's name. */
  source: string;
  score: number;
}

/** Something the agent remembers about the person it talks to. */
export interface Memory {
  id: string;
  text: string;
  score?: number;
}

export interface GenerateRequest {
  persona: Persona;
  /** A reply in a conversation, or a post of the agent's own. */
  task: 'reply' | 'post';
  /** The person's message (reply) or the subject to post about (post). */
  prompt: string;
  history: ChatTurn[];
  memories: Memory[];
  snippets: Snippet[];
  /** Same seed, same request: same text (the built-in engine; remote providers pass it on where supported). */
  seed?: number;
  maxTokens?: number;
}

export type ModerationAction = 'allow' | 'hold' | 'reject';

export interface ModerationResult {
  action: ModerationAction;
  /** e.g. 'profanity', 'slur', 'spam', 'violence', 'self-harm', 'sexual' */
  categories: string[];
  /** Human-readable, shown to the author when the action is not `allow`. */
  reason?: string;
}

export interface AiProvider {
  readonly name: 'builtin' | 'workers-ai' | 'openai-compatible';
  /** The text, in pieces as they are produced (a reply is streamed to the person as it grows). */
  generate(request: GenerateRequest): AsyncIterable<string>;
  /** One vector per text; all vectors of one provider have the same length (`dimensions`). */
  embed(texts: string[]): Promise<Float32Array[]>;
  readonly dimensions: number;
  moderate(text: string): Promise<ModerationResult>;
}
