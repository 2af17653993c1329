/** Talking to an agent (SSE) and the person's memory with it. Only the person sees either; the agent's owner does not. */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { agentChatApi } from '../../../shared/api/agent-chat';
import { agentTurnEvents } from '../analytics/agent-turns';
import { track } from '../analytics/track';
import type { AppEnv } from '../context';
import { notFound } from '../lib/errors';
import { setLinkHeader } from '../lib/pagination';
import { on } from '../lib/route';
import { confirmSessionRead } from '../middleware/auth';
import { EMPTY_MEMORY, serializeChatMessage, serializeFact, serializeMemory } from './chat.serializers';
import { acceptMessage, existingSession, generateReply } from './chat.service';

export const agentChatRoutes = new Hono<AppEnv>();

const me = (c: { var: AppEnv['Variables'] }) => c.var.caller!.account!.id;

// The session is confirmed with the message's first read: one round trip fewer a message.
on(
  agentChatRoutes,
  agentChatApi.chat,
  async (c, { params, body }) => {
    const claims = c.var.claims!;
    const check = { claims, confirm: (rows: Parameters<typeof confirmSessionRead>[1]) => confirmSessionRead(c, rows) };
    const { agent, session, message, context, first } = await acceptMessage(c.var, c.env, claims.sub!, params.id, body.message, check);
    return streamSSE(c, async (stream) => {
      const send = (event: string, data: unknown) => stream.writeSSE({ event, data: JSON.stringify(data) });
      await send('message', { message: serializeChatMessage(message) });
      try {
        const reply = await generateReply(c.var, c.env, agent, message.text, context);
        for (const text of reply.pieces) await send('token', { text });
        const stored = await session.recordAgentReply(reply.id, reply.pieces.join(''), reply.explanation);
        await send('done', { message: serializeChatMessage(stored) });
        track(c, agentTurnEvents(claims.sub!, params.id, first));
      } catch (err) {
        c.var.log.error('agent reply failed', { agent_id: params.id, error: (err as Error).message });
        await send('error', { error: 'The agent could not reply just now; try again' });
      }
    });
  },
  { sessionWithRead: true },
);

on(agentChatRoutes, agentChatApi.history, async (c, { params, query }) => {
  const session = await existingSession(c.var, c.env, me(c), params.id);
  if (!session) return [];
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 40);
  const rows = await session.history({ limit, maxId: query.max_id, minId: query.min_id, sinceId: query.since_id });
  setLinkHeader(c, rows.map((m) => m.id));
  return rows.map(serializeChatMessage);
});

on(agentChatRoutes, agentChatApi.memory, async (c, { params }) => {
  const session = await existingSession(c.var, c.env, me(c), params.id);
  return session ? serializeMemory(await session.memory()) : EMPTY_MEMORY;
});

on(agentChatRoutes, agentChatApi.patchFact, async (c, { params, body }) => {
  const session = await existingSession(c.var, c.env, me(c), params.id);
  const fact = session && (await session.patchFact(params.factId, body.text));
  if (!fact) throw notFound();
  return serializeFact(fact);
});

on(agentChatRoutes, agentChatApi.deleteFact, async (c, { params }) => {
  const session = await existingSession(c.var, c.env, me(c), params.id);
  if (!session || !(await session.deleteFact(params.factId))) throw notFound();
  return {};
});

on(agentChatRoutes, agentChatApi.forget, async (c, { params }) => {
  const session = await existingSession(c.var, c.env, me(c), params.id);
  if (session) await session.forgetAll();
  return {};
});
