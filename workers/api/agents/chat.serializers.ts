/** The wire shapes of chat messages and memory (`shared/schemas/agent-chat.ts`). */
import type { z } from 'zod';
import type { SessionFact, SessionMessage } from '../../../durable-objects/AgentSession';
import type { ChatMessage, Fact, Memory } from '../../../shared/schemas/agent-chat';

const iso = (ms: number) => new Date(ms).toISOString();

export const serializeChatMessage = (m: SessionMessage): z.input<typeof ChatMessage> => ({ id: m.id, role: m.role, text: m.text, created_at: iso(m.createdAt), explanation: m.explanation });

export const serializeFact = (f: SessionFact): z.input<typeof Fact> => ({ id: f.id, text: f.text, created_at: iso(f.createdAt), updated_at: iso(f.updatedAt) });

export const serializeMemory = (m: { summary: string; facts: SessionFact[]; updatedAt: number | null }): z.input<typeof Memory> => ({
  summary: m.summary,
  facts: m.facts.map(serializeFact),
  updated_at: m.updatedAt === null ? null : iso(m.updatedAt),
});

export const EMPTY_MEMORY: z.input<typeof Memory> = { summary: '', facts: [], updated_at: null };
