/** Talking to agents in tests: the real SSE stream, parsed as a browser's EventSource would. */
import { type TestUser, call, json } from './helpers';

export interface SseEvent {
  event: string;
  data: any;
}

/** Server-sent events of a whole body: blocks split by a blank line, `data:` lines joined by newlines. */
export function parseSse(body: string): SseEvent[] {
  return body
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split(/\r?\n/);
      const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim() ?? 'message';
      const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
      return { event, data: JSON.parse(data) };
    });
}

export interface ChatResult {
  res: Response;
  events: SseEvent[];
  /** The agent's reply as stored (the `done` event). */
  reply: Record<string, any>;
  /** The reply as assembled from the `token` events. */
  streamed: string;
}

/** Says `message` to the agent and reads the whole stream; fails on anything but a 200 stream. */
export async function chat(user: TestUser, agentId: string, message: string): Promise<ChatResult> {
  const res = await call(`/api/v1/agents/${agentId}/chat`, { token: user.token, json: { message } });
  if (res.status !== 200) throw new Error(`chat failed: ${res.status} ${await res.text()}`);
  const events = parseSse(await res.text());
  const done = events.find((e) => e.event === 'done');
  if (!done) throw new Error(`no done event: ${JSON.stringify(events)}`);
  return { res, events, reply: done.data.message, streamed: events.filter((e) => e.event === 'token').map((e) => e.data.text).join('') };
}

export const memoryOf = async (user: TestUser, agentId: string) => json(await call(`/api/v1/agents/${agentId}/memory`, { token: user.token }));
