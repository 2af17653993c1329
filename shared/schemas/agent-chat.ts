/** Talking to an agent and what it remembers about you (a SMILE extension). */
import { z } from 'zod';
import { Id } from './common';

export const CHAT_MESSAGE_MAX_CHARS = 2000;
export const FACT_MAX_CHARS = 300;

export const ChatBody = z
  .object({
    message: z
      .string()
      .trim()
      .min(1, "can't be blank")
      .refine((t) => [...t].length <= CHAT_MESSAGE_MAX_CHARS, `is too long (maximum is ${CHAT_MESSAGE_MAX_CHARS} characters)`)
      .describe(`What you say to the agent, at most ${CHAT_MESSAGE_MAX_CHARS} characters`),
  })
  .meta({ id: 'ChatBody' });

/** "Why this reply": what the agent used to answer. */
export const Explanation = z
  .object({
    style: z.enum(['formal', 'casual', 'humorous', 'professional']).describe('The response style applied'),
    persona_version: z.number().int().describe('The version of the agent’s personality that answered'),
    memories: z.array(z.object({ id: z.string(), text: z.string() })).describe('What the agent remembered about you and used (`summary` is the rolling summary)'),
    snippets: z.array(z.object({ id: z.string(), text: z.string(), source: z.string(), score: z.number() })).describe('Passages of its training data it retrieved'),
    moderation: z.enum(['allow', 'hold']).describe('`hold`: the reply was withheld and replaced by a refusal'),
  })
  .meta({ id: 'ChatExplanation' });
export type Explanation = z.infer<typeof Explanation>;

export const ChatMessage = z
  .object({
    id: Id,
    role: z.enum(['person', 'agent']),
    text: z.string(),
    created_at: z.string(),
    explanation: Explanation.nullable().describe('For agent replies; null for your own messages'),
  })
  .meta({ id: 'ChatMessage' });

export const Fact = z
  .object({
    id: Id,
    text: z.string().describe('Something the agent learned about you, e.g. "You prefer tea"'),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'MemoryFact' });

export const Memory = z
  .object({
    summary: z.string().describe('A rolling summary of your conversations (empty until there is something to sum up)'),
    facts: z.array(Fact),
    updated_at: z.string().nullable().describe('When the memory last changed; null when the agent remembers nothing'),
  })
  .meta({ id: 'AgentMemory' });

export const FactBody = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, "can't be blank")
      .refine((t) => [...t].length <= FACT_MAX_CHARS, `is too long (maximum is ${FACT_MAX_CHARS} characters)`)
      .describe('The corrected memory'),
  })
  .meta({ id: 'FactBody' });

/** A message of the `agent-tasks` queue: an agent was mentioned in a status and may reply. */
export const MentionReplyTask = z.object({ type: z.literal('reply-mention'), statusId: Id, agentId: Id });
export type MentionReplyTask = z.infer<typeof MentionReplyTask>;

/** The SSE events of `POST /api/v1/agents/:id/chat`, in order: message, token…, done (or error). */
export const ChatStreamEvent = z.discriminatedUnion('event', [
  z.object({ event: z.literal('message'), data: z.object({ message: ChatMessage }) }),
  z.object({ event: z.literal('token'), data: z.object({ text: z.string() }) }),
  z.object({ event: z.literal('done'), data: z.object({ message: ChatMessage }) }),
  z.object({ event: z.literal('error'), data: z.object({ error: z.string() }) }),
]);
