/**
 * What the chat room page shows, as a reducer over REST pages, socket frames and the person's own
 * sends: the stored messages in id order, sends waiting for their `ack` (or failed), agents'
 * replies as they stream, and each member's read position.
 */
import { type Chat, type ChatRoomMessage, compareIds } from '../api/chats';
import type { ChatServerFrame } from '../api/chatSocket';
import type { E2eeEnvelope } from '../../../shared/schemas/e2ee';
import type { MediaAttachment } from '../api/types';

export interface PendingMessage {
  client_id: string;
  text: string;
  media: MediaAttachment[];
  reply_to_id: string | null;
  /** In an encrypted chat: what is sent instead of `text`, sealed once so a retry sends the same. */
  envelope?: E2eeEnvelope | undefined;
  /** Why the send failed; it is retried with the same client id. */
  error?: string | undefined;
}

export interface AgentStream {
  account_id: string;
  reply_to_id: string;
  text: string;
}

export interface RoomState {
  chat: Chat | null;
  messages: ChatRoomMessage[];
  pending: PendingMessage[];
  /** Keyed by `${account_id}:${reply_to_id}`. */
  streams: Record<string, AgentStream>;
  /** Each member's last-read message id. */
  reads: Record<string, string>;
  /** Whether older history may exist on the server. */
  hasOlder: boolean;
  /** A refusal of something other than a send (edit, reaction…), shown until the next one. */
  error: string | null;
}

export type RoomAction =
  | { type: 'loaded'; chat: Chat; page: ChatRoomMessage[]; full: boolean }
  | { type: 'older'; page: ChatRoomMessage[]; full: boolean }
  | { type: 'frame'; frame: ChatServerFrame }
  | { type: 'queued'; message: PendingMessage }
  | { type: 'failed'; client_id: string; error: string }
  | { type: 'retrying'; client_id: string }
  | { type: 'dismiss' };

export const EMPTY_ROOM: RoomState = { chat: null, messages: [], pending: [], streams: {}, reads: {}, hasOlder: false, error: null };

const streamKey = (accountId: string, replyToId: string) => `${accountId}:${replyToId}`;

/** Adds or replaces messages, keeping id order (the socket delivers in order, so usually an append). */
function upsert(list: ChatRoomMessage[], incoming: ChatRoomMessage[]): ChatRoomMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}

const later = (a: string | undefined, b: string) => (a && compareIds(a, b) >= 0 ? a : b);

function readsOf(chat: Chat): Record<string, string> {
  return Object.fromEntries(chat.members.flatMap((m) => (m.last_read_id ? [[m.account.id, m.last_read_id]] : [])));
}

function applyFrame(state: RoomState, frame: ChatServerFrame): RoomState {
  switch (frame.type) {
    case 'ack':
      return { ...state, messages: upsert(state.messages, [frame.message]), pending: state.pending.filter((p) => p.client_id !== frame.client_id) };
    case 'message': {
      const { [streamKey(frame.message.account_id, frame.message.reply_to_id ?? '')]: _done, ...streams } = state.streams;
      const reads = { ...state.reads, [frame.message.account_id]: later(state.reads[frame.message.account_id], frame.message.id) };
      // A send of ours whose ack was lost to a drop comes back in the resume backlog.
      const pending = state.pending.filter((p) => p.client_id !== frame.message.client_id);
      return { ...state, messages: upsert(state.messages, [frame.message]), pending, streams, reads };
    }
    case 'edited':
      return state.messages.some((m) => m.id === frame.message.id) ? { ...state, messages: upsert(state.messages, [frame.message]) } : state;
    case 'deleted':
      return { ...state, messages: state.messages.filter((m) => m.id !== frame.id) };
    case 'reactions':
      return { ...state, messages: state.messages.map((m) => (m.id === frame.message_id ? { ...m, reactions: frame.reactions } : m)) };
    case 'read':
      return { ...state, reads: { ...state.reads, [frame.account_id]: later(state.reads[frame.account_id], frame.message_id) } };
    case 'agent.delta': {
      const key = streamKey(frame.account_id, frame.reply_to_id);
      const text = (state.streams[key]?.text ?? '') + frame.delta;
      return { ...state, streams: { ...state.streams, [key]: { account_id: frame.account_id, reply_to_id: frame.reply_to_id, text } } };
    }
    case 'members':
      return { ...state, chat: frame.chat };
    case 'error':
      if (frame.client_id) return applyAction(state, { type: 'failed', client_id: frame.client_id, error: frame.error });
      return { ...state, error: frame.error };
    case 'ready':
    case 'typing':
      return state;
  }
}

function applyAction(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case 'loaded':
      return { ...state, chat: action.chat, messages: upsert(state.messages, action.page), reads: { ...readsOf(action.chat), ...state.reads }, hasOlder: action.full };
    case 'older':
      return { ...state, messages: upsert(state.messages, action.page), hasOlder: action.full };
    case 'frame':
      return applyFrame(state, action.frame);
    case 'queued':
      return { ...state, pending: [...state.pending, action.message] };
    case 'failed':
      return { ...state, pending: state.pending.map((p) => (p.client_id === action.client_id ? { ...p, error: action.error } : p)) };
    case 'retrying':
      return { ...state, pending: state.pending.map((p) => (p.client_id === action.client_id ? { ...p, error: undefined } : p)) };
    case 'dismiss':
      return { ...state, error: null };
  }
}

export const roomReducer = applyAction;
