/**
 * Agents in chat rooms. An agent answers every message of a person in a direct chat with it,
 * and, in a group, a person's message that @mentions it by username. Agents never answer agents
 * (two of them would talk forever), and paused agents stay silent.
 *
 * The answer goes through the agents module as its 1-to-1 chat does: in a direct chat the
 * person's own session with the agent (memory, history, rate limit) is used and continued; in a
 * group — where everyone reads the answer — no private memory is used, only the room's recent
 * messages and the agent's training snippets, as for a mention reply. `generateReply` moderates
 * the output and replaces a held answer by `HELD_REPLY` before any of it is streamed.
 */
import type { ChatRoomMessage } from '../../../shared/schemas/chats';
import type { RoomMember } from '../../../durable-objects/chat-room/store';
import type { Env } from '../../env';
import { acceptMessage, generateReply, type Reply } from '../agents/chat.service';
import { withoutMentions } from '../agents/mention-replies';
import { agentWithAccount } from '../agents/persona';
import { agentTurnEvents } from '../analytics/agent-turns';
import { trackNow } from '../analytics/track';
import type { Db } from '../context';
import { ApiError } from '../lib/errors';
import { retrieveSnippets } from '../training/retrieval';

/** Training passages in a group answer's context. */
const SNIPPETS = 4;
/** A chat answer is a message, not an essay (the built-in engine counts words). */
const REPLY_MAX_WORDS = 80;

/** The agent members that should answer `text`, sent by `sender`. */
export function agentsToAnswer(kind: 'direct' | 'group', members: RoomMember[], sender: RoomMember, text: string): RoomMember[] {
  if (sender.kind === 'agent' || !text) return [];
  const agents = members.filter((m) => m.kind === 'agent' && m.accountId !== sender.accountId);
  if (kind === 'direct') return agents;
  const mentioned = new Set([...text.matchAll(/(?:^|[^\w@])@([\w.-]+)/g)].map((m) => m[1]!.toLowerCase()));
  return agents.filter((a) => mentioned.has(a.username.toLowerCase()));
}

export interface AgentTurn {
  agent: RoomMember;
  sender: RoomMember;
  message: ChatRoomMessage;
  direct: boolean;
  /** The room's recent messages, oldest first. */
  history: () => ChatRoomMessage[];
  /** Streams one piece of the answer to the room. */
  delta: (text: string) => void;
  /** Stores the whole answer as the agent's message; null when the agent has left meanwhile. */
  store: (text: string) => Promise<ChatRoomMessage | null>;
}

export async function answerAsAgent(env: Env, db: Db, turn: AgentTurn): Promise<void> {
  const loaded = await agentWithAccount(db, turn.agent.accountId);
  if (!loaded || loaded.agent.status === 'paused') return;
  const deps = { db };
  const speak = async (reply: Reply) => {
    for (const piece of reply.pieces) turn.delta(piece);
    return turn.store(reply.pieces.join(''));
  };

  if (!turn.direct) {
    const prompt = withoutMentions(turn.message.text) || turn.message.text;
    const history = turn
      .history()
      .filter((m) => m.id !== turn.message.id)
      .map((m) => ({ role: m.account_id === turn.agent.accountId ? ('agent' as const) : ('person' as const), text: m.text }));
    const snippets = await retrieveSnippets(env, turn.agent.accountId, prompt, SNIPPETS);
    if (await speak(await generateReply(deps, env, loaded, prompt, { memories: [], history, snippets }, REPLY_MAX_WORDS))) await trackNow(env, agentTurnEvents(turn.sender.accountId, turn.agent.accountId, false));
    return;
  }

  let accepted: Awaited<ReturnType<typeof acceptMessage>>;
  try {
    accepted = await acceptMessage(deps, env, turn.sender.accountId, turn.agent.accountId, turn.message.text);
  } catch (err) {
    // Refused by the agents module's rules (paused meanwhile, rate, visibility): the agent stays silent.
    if (err instanceof ApiError) return;
    throw err;
  }
  const reply = await generateReply(deps, env, accepted.agent, turn.message.text, accepted.context, REPLY_MAX_WORDS);
  const stored = await speak(reply);
  if (!stored) return;
  await accepted.session.recordAgentReply(reply.id, stored.text, reply.explanation);
  await trackNow(env, agentTurnEvents(turn.sender.accountId, turn.agent.accountId, accepted.first));
}
