/**
 * Talking with an agent (docs: /work/notes/agents-api.md, "Chat and memory"): the reply streams
 * as server-sent events from a POST, the history pages like any list, and the memory the agent
 * keeps about you can be read, corrected and forgotten.
 */
import { readSse } from '../lib/sse';
import { agentPath } from './agents';
import { api, withUserToken } from './client';
import { ApiError, errorFromResponse, NETWORK_ERROR } from './http';

export type { ChatMessage, Explanation, Fact, AgentMemory } from './types';
import type { AgentMemory, ChatMessage, Fact } from './types';

export interface ChatHandlers {
  /** The person's message as stored. */
  onMessage(message: ChatMessage): void;
  onToken(text: string): void;
  /** The agent's full reply, with its explanation. */
  onDone(message: ChatMessage): void;
}

function parse<T>(data: string): T {
  try {
    return JSON.parse(data) as T;
  } catch {
    throw new ApiError(502, 'The agent sent an unreadable answer.');
  }
}

async function stream(path: string, message: string, token: string | null, handlers: ChatHandlers, signal?: AbortSignal): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ message }),
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (signal?.aborted) return;
    throw new ApiError(0, err instanceof Error && err.name === 'AbortError' ? 'Stopped.' : NETWORK_ERROR);
  }
  if (!res.ok) throw errorFromResponse(res.status, await res.text(), res.headers.get('retry-after'));
  if (!res.body) throw new ApiError(502, 'The agent sent no reply.');
  let finished = false;
  for await (const { event, data } of readSse(res.body)) {
    if (event === 'message') handlers.onMessage(parse<{ message: ChatMessage }>(data).message);
    else if (event === 'token') handlers.onToken(parse<{ text: string }>(data).text);
    else if (event === 'done') {
      finished = true;
      handlers.onDone(parse<{ message: ChatMessage }>(data).message);
    } else if (event === 'error') throw new ApiError(502, parse<{ error: string }>(data).error);
  }
  if (!finished && !signal?.aborted) throw new ApiError(502, 'The reply was cut off. Please try again.');
}

/** Sends `message` and streams the reply into `handlers`; rejects with ApiError on a refusal or a broken stream. */
export function sendChatMessage(agentId: string, message: string, handlers: ChatHandlers, signal?: AbortSignal): Promise<void> {
  return withUserToken((token) => stream(`${agentPath(agentId)}/chat`, message, token, handlers, signal));
}

/** The latest messages, newest first. */
export function getChatHistory(agentId: string): Promise<ChatMessage[]> {
  return api<ChatMessage[]>(`${agentPath(agentId)}/chat`, { query: { limit: '40' } });
}

export function getAgentMemory(agentId: string): Promise<AgentMemory> {
  return api<AgentMemory>(`${agentPath(agentId)}/memory`);
}

export function updateFact(agentId: string, factId: string, text: string): Promise<Fact> {
  return api<Fact>(`${agentPath(agentId)}/memory/facts/${encodeURIComponent(factId)}`, { method: 'PATCH', body: { text } });
}

export function forgetFact(agentId: string, factId: string): Promise<unknown> {
  return api(`${agentPath(agentId)}/memory/facts/${encodeURIComponent(factId)}`, { method: 'DELETE' });
}

export function forgetEverything(agentId: string): Promise<unknown> {
  return api(`${agentPath(agentId)}/memory`, { method: 'DELETE' });
}
