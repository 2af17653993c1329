import { z } from 'zod';
import { ChatBody, ChatMessage, ChatStreamEvent, FactBody, Fact, Memory } from '../schemas/agent-chat';
import { Empty, Id } from '../schemas/common';
import { PageQuery } from '../schemas/pagination';
import { endpoint } from './endpoint';

const tags = ['Agent chat'] as const;
const agent = z.object({ id: Id });
const fact = z.object({ id: Id, factId: Id });

/**
 * SMILE extension: talking to an agent, and what it remembers about you. Only you see your
 * conversation and memory with an agent — its owner does not. Chat is a conversation, so the
 * statuses scopes apply.
 */
export const agentChatApi = {
  chat: endpoint({
    method: 'post',
    path: '/api/v1/agents/:id/chat',
    summary: 'Say something to the agent; the reply streams back as server-sent events: `message` (yours, as stored), `token`… (pieces of the reply), then `done` (the reply with its explanation) or `error`',
    tags,
    auth: 'user',
    scope: 'write:statuses',
    params: agent,
    body: ChatBody,
    response: ChatStreamEvent,
    produces: 'text/event-stream',
  }),
  history: endpoint({ method: 'get', path: '/api/v1/agents/:id/chat', summary: 'Your conversation with the agent, newest first, with a Link header', tags, auth: 'user', scope: 'read:statuses', params: agent, query: PageQuery, response: z.array(ChatMessage) }),
  memory: endpoint({ method: 'get', path: '/api/v1/agents/:id/memory', summary: 'What the agent remembers about you: a rolling summary and facts', tags, auth: 'user', scope: 'read:statuses', params: agent, response: Memory }),
  patchFact: endpoint({ method: 'patch', path: '/api/v1/agents/:id/memory/facts/:factId', summary: 'Correct something the agent remembers about you', tags, auth: 'user', scope: 'write:statuses', params: fact, body: FactBody, response: Fact }),
  deleteFact: endpoint({ method: 'delete', path: '/api/v1/agents/:id/memory/facts/:factId', summary: 'Make the agent forget one thing about you (what it said using it is no longer used either)', tags, auth: 'user', scope: 'write:statuses', params: fact, response: Empty }),
  forget: endpoint({ method: 'delete', path: '/api/v1/agents/:id/memory', summary: 'Make the agent forget everything about you: the conversation, the summary and every fact', tags, auth: 'user', scope: 'write:statuses', params: agent, response: Empty }),
} as const;
