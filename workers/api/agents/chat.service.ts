/**
 * Talking to an agent. The rules before a word is generated (the agent visible to the person,
 * active, the person's rate, their message moderated), the context (persona and style, what the
 * agent remembers about the person, its training snippets, the recent conversation), and
 * moderation of the reply before any of it is shown.
 *
 * Moderation before showing, with streaming: the reply is generated in full, moderated, and
 * only then sent to the person piece by piece. The built-in engine writes a reply in
 * milliseconds, so nothing is lost by waiting; a remote model's first piece reaches the person
 * later than it could, which is the price of "moderated before it is published, never after"
 * (moderating sentence by sentence would still let a sentence out before the one that fails).
 */
import { and, eq } from 'drizzle-orm';
import type { AgentSession, SessionMessage } from '../../../durable-objects/AgentSession';
import type { Explanation } from '../../../shared/schemas/agent-chat';
import type { Env } from '../../env';
import { pieces } from '../ai/builtin/provider';
import { getAiProvider } from '../ai/providers';
import type { Snippet } from '../ai/types';
import type { AccessClaims } from '../auth/tokens';
import { sessionSelect } from '../auth/sessions.service';
import type { Services } from '../context';
import { agentSessions } from '../db/agent-chat';
import { ApiError, invalidField, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { oneTrip } from '../lib/one-trip';
import { countHit, enforceLimit, hitCount } from '../lib/rate-limit';
import { classifyText } from '../moderation/classifier';
import { moderateText } from '../moderation/items';
import { llamaGuardConfigured, secondOpinion } from '../moderation/second-opinion';
import { retrieveSnippets } from '../training/retrieval';
import { type LoadedAgent, agentQuery, visibleAgent, visibleOrNotFound } from './agents.service';
import { personaOf } from './persona';
import { accessQuery, requireEntitlement, takeInteraction } from '../market/entitlements.service';

type Deps = Pick<Services, 'db'>;

/** Messages a person may send to agents, all agents together. */
export const CHAT_RATE = { max: 30, windowSeconds: 60 } as const;
/** Training passages in a reply's context. */
const SNIPPETS = 4;

/** What a withheld reply is replaced with: polite, and valid in every style (no contractions, slang or exclamations). */
export const HELD_REPLY = 'I would rather not answer that. Could we talk about something else?';

export type SessionStub = DurableObjectStub<AgentSession>;

/** The session of one agent and one person. */
export const sessionOf = (sessions: Env['AGENT_SESSION'], agentId: string, personId: string): SessionStub => sessions.get(sessions.idFromName(`${agentId}:${personId}`));

/**
 * The person's session with the agent, or null when they have never talked: reading memory never
 * creates one. With a session the person keeps access to their memory even if the agent has
 * since become private to them; without one, an agent they cannot see is 404.
 */
export async function existingSession(deps: Deps, env: Env, personId: string, agentId: string): Promise<SessionStub | null> {
  const [row] = await deps.db.select({ agentId: agentSessions.agentId }).from(agentSessions).where(and(eq(agentSessions.agentId, agentId), eq(agentSessions.personId, personId))).limit(1);
  if (row) return sessionOf(env.AGENT_SESSION, agentId, personId);
  await visibleAgent(deps, personId, agentId);
  return null;
}

export interface ChatTurnResult {
  agent: LoadedAgent;
  session: SessionStub;
  message: SessionMessage;
  /** What the reply is written from. */
  context: ReplyContext;
  /** The person's first message to this agent: a conversation starts (analytics). */
  first: boolean;
}

/**
 * The request's session, when the route confirms it with the message's first read
 * (`on(..., { sessionWithRead })`): `confirm` throws 401 for a revoked one, before anything
 * else read is used.
 */
export interface SessionCheck {
  claims: AccessClaims;
  confirm(rows: Awaited<ReturnType<typeof sessionSelect>>): void;
}

/**
 * Everything before the reply: the checks (refusals are JSON errors, before any stream starts),
 * the person's message stored in the session, and the reply's context. Two round trips on the
 * path of every message: one D1 trip (the caller's session, the rate count, the agent as the
 * person sees it, whether they talked before; `lib/one-trip.ts`, as the agent's select repeats
 * column names), then the session's `takeMessage` alongside the snippets' retrieval — and, on a
 * first message only, the session's index row before it.
 */
export async function acceptMessage(deps: Deps, env: Env, personId: string, agentId: string, text: string, check?: SessionCheck): Promise<ChatTurnResult> {
  const verdict = classifyText(text);
  const now = Date.now();
  const limit = { key: `agent-chat:${personId}`, ...CHAT_RATE };
  const [session, found, counted, talked, access] = await oneTrip(
    env.DB,
    [],
    [
      // Without a check (an agent answering in a chat room) the select finds nothing and is not read.
      sessionSelect(deps.db, check?.claims ?? { sid: '', scope: '' }),
      agentQuery(deps.db, personId, agentId),
      hitCount(deps.db, limit),
      deps.db.select({ agentId: agentSessions.agentId }).from(agentSessions).where(and(eq(agentSessions.agentId, agentId), eq(agentSessions.personId, personId))).limit(1),
      accessQuery(deps.db, personId, agentId, now),
    ] as const,
    [countHit(deps.db, limit, now)],
  );
  check?.confirm(session);
  const agent = visibleOrNotFound(found, personId);
  // In a chat room the entitlement was checked when the agent was added; here, it is the person's own.
  if (check) requireEntitlement(access);
  if (agent.agent.status === 'paused') throw new ApiError(409, 'This agent is paused');
  enforceLimit(limit, counted, now);
  if (verdict.action === 'reject') throw invalidField('message', verdict.reason ?? 'was refused by moderation', 'ERR_MODERATION');
  // A per-interaction agent's reply is paid for by whoever it answers, in a room too.
  await takeInteraction(deps.db, access, personId, agentId, now);
  // Indexed before the session holds anything, so the agent's deletion always finds it.
  if (talked.length === 0) await deps.db.insert(agentSessions).values({ agentId, personId }).onConflictDoNothing();
  const stub = sessionOf(env.AGENT_SESSION, agentId, personId);
  const [taken, snippets] = await Promise.all([stub.takeMessage(text), retrieveSnippets(env, agentId, text, SNIPPETS)]);
  return { agent, session: stub, message: taken.message, context: { ...taken.recall, snippets }, first: talked.length === 0 };
}

export interface Reply {
  /** The text as shown, in the pieces it is streamed in. */
  pieces: string[];
  id: string;
  explanation: Explanation;
}

export interface ReplyContext {
  memories: { id: string; text: string }[];
  history: { role: 'person' | 'agent'; text: string }[];
  snippets: Snippet[];
}

/**
 * Generates the agent's answer to `prompt` and moderates it. A held or refused answer is
 * recorded for the moderators (hold) and replaced by `HELD_REPLY`.
 */
export async function generateReply(deps: Deps, env: Env, agent: Pick<LoadedAgent, 'agent' | 'account'>, prompt: string, context: ReplyContext, maxTokens?: number): Promise<Reply> {
  const provider = getAiProvider(env);
  const generated: string[] = [];
  for await (const piece of provider.generate({ persona: personaOf(agent), task: 'reply', prompt, history: context.history, memories: context.memories, snippets: context.snippets, maxTokens })) generated.push(piece);
  const id = newId();
  const verdict = await moderateText(deps, generated.join(''), { type: 'agent_output', id, accountId: agent.agent.accountId }, llamaGuardConfigured(env) ? secondOpinion(env) : undefined);
  const allowed = verdict.action === 'allow';
  return {
    id,
    pieces: allowed ? generated : pieces(HELD_REPLY),
    explanation: {
      style: agent.agent.style,
      persona_version: agent.agent.version,
      memories: context.memories.map((m) => ({ id: m.id, text: m.text })),
      snippets: context.snippets.map((s) => ({ id: s.id, text: s.text, source: s.source, score: s.score })),
      moderation: allowed ? 'allow' : 'hold',
    },
  };
}

/** The session of a person with an agent, for reading or changing their memory; 404 when there is none. */
export async function ownSession(deps: Deps, env: Env, personId: string, agentId: string): Promise<SessionStub> {
  const session = await existingSession(deps, env, personId, agentId);
  if (!session) throw notFound('You have not talked to this agent');
  return session;
}

/**
 * Every session of the agent, for its deletion: each is emptied (`forgetAll`) and its index row
 * goes with the agent's other rows: the delete for `eraseAccount`'s batch is returned (in an
 * object, since an async function would run a returned query instead of handing it over).
 */
export async function clearAgentSessions(deps: Deps, sessions: Env['AGENT_SESSION'], agentId: string) {
  const pairs = await deps.db.select({ personId: agentSessions.personId }).from(agentSessions).where(eq(agentSessions.agentId, agentId));
  await Promise.all(pairs.map((p) => sessionOf(sessions, agentId, p.personId).forgetAll()));
  return { indexDelete: deps.db.delete(agentSessions).where(eq(agentSessions.agentId, agentId)) };
}
