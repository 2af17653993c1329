/**
 * One open chat room: history from REST first, then the room socket resuming after the newest
 * message loaded, so nothing falls between the two. Sends wait for their `ack`: they are resent
 * (same client id) when the socket comes back, and marked failed when the room refuses them or
 * no ack comes in time. Typing frames go out at most every few seconds; others' typing shows for
 * a few seconds after their last frame. In an end-to-end encrypted chat (`useRoomCrypto`) every
 * message is sealed before it is queued and opened when it arrives.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { type Chat, type ChatRoomMessage, chatHistory, compareIds, getChat } from '../api/chats';
import { type ChatClientFrame, type ChatConnection, type ChatSocket, openChatSocket } from '../api/chatSocket';
import { ApiError } from '../api/http';
import type { MediaAttachment } from '../api/types';
import { refreshChats } from './useChatList';
import { useRoomCrypto } from './useRoomCrypto';
import { EMPTY_ROOM, type PendingMessage, roomReducer } from '../lib/chatRoomState';

const PAGE = 40;
const TYPING_EVERY_MS = 3_000;
const TYPING_SHOWN_MS = 5_000;
const ACK_TIMEOUT_MS = 10_000;
const NOT_DELIVERED = 'Not delivered yet.';

export function useChatRoom(chatId: string, me: string) {
  const [state, dispatch] = useReducer(roomReducer, EMPTY_ROOM);
  const [status, setStatus] = useState<ChatConnection>('connecting');
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [typing, setTyping] = useState<string[]>([]);
  const socket = useRef<ChatSocket | null>(null);
  const latest = useRef(state);
  latest.current = state;
  const lastTyping = useRef(0);
  const typingTimers = useRef(new Map<string, number>());

  const transmit = useCallback((p: PendingMessage) => {
    const frame: ChatClientFrame = { type: 'send', client_id: p.client_id, ...(p.envelope ? { envelope: p.envelope } : p.text ? { text: p.text } : {}), ...(p.media.length ? { media_ids: p.media.map((m) => m.id) } : {}), ...(p.reply_to_id ? { reply_to_id: p.reply_to_id } : {}) };
    socket.current?.send(frame);
    window.setTimeout(() => {
      if (latest.current.pending.some((q) => q.client_id === p.client_id && !q.error)) dispatch({ type: 'failed', client_id: p.client_id, error: NOT_DELIVERED });
    }, ACK_TIMEOUT_MS);
  }, []);

  const someoneTyping = useCallback((accountId: string, on: boolean) => {
    window.clearTimeout(typingTimers.current.get(accountId));
    if (on) typingTimers.current.set(accountId, window.setTimeout(() => someoneTyping(accountId, false), TYPING_SHOWN_MS));
    else typingTimers.current.delete(accountId);
    setTyping([...typingTimers.current.keys()]);
  }, []);

  useEffect(() => {
    let closed = false;
    let ready = false;
    Promise.all([getChat(chatId), chatHistory(chatId)]).then(
      ([chat, page]) => {
        if (closed) return;
        dispatch({ type: 'loaded', chat, page, full: page.length >= PAGE });
        socket.current = openChatSocket(chatId, {
          // '0' when the room was empty: the resume then brings whatever arrived since.
          lastSeen: () => latest.current.messages.at(-1)?.id ?? '0',
          onStatus: (s) => {
            setStatus(s);
            if (s !== 'open') return;
            // Back after a drop: members may have changed, and our unacknowledged sends go again.
            if (ready) getChat(chatId).then((c) => dispatch({ type: 'frame', frame: { type: 'members', chat: c } }), () => undefined);
            ready = true;
            for (const p of latest.current.pending.filter((q) => !q.error || q.error === NOT_DELIVERED)) {
              dispatch({ type: 'retrying', client_id: p.client_id });
              transmit(p);
            }
          },
          onFrame: (frame) => {
            if (frame.type === 'typing') someoneTyping(frame.account_id, true);
            if (frame.type === 'message' || frame.type === 'agent.delta') someoneTyping(frame.type === 'message' ? frame.message.account_id : frame.account_id, false);
            dispatch({ type: 'frame', frame });
            // My read position moved: the list and the nav badge show fewer unread.
            if (frame.type === 'read' && frame.account_id === me) void refreshChats();
          },
        });
      },
      (err: unknown) => !closed && setLoadError(err instanceof ApiError ? err : new ApiError(0, String(err))),
    );
    const timers = typingTimers.current;
    return () => {
      closed = true;
      socket.current?.close();
      socket.current = null;
      timers.forEach((t) => window.clearTimeout(t));
      timers.clear();
    };
  }, [chatId, me, transmit, someoneTyping]);

  // Read receipt for the newest message while the page is visible.
  const newest = state.messages.at(-1);
  const myRead = state.reads[me];
  useEffect(() => {
    if (!newest || status !== 'open' || (myRead && compareIds(myRead, newest.id) >= 0)) return;
    const send = () => document.visibilityState === 'visible' && socket.current?.send({ type: 'read', id: newest.id });
    send();
    document.addEventListener('visibilitychange', send);
    return () => document.removeEventListener('visibilitychange', send);
  }, [newest, myRead, status]);

  const roomCrypto = useRoomCrypto(state.chat, me, state.messages);
  const { encrypted, seal } = roomCrypto;
  const send = useCallback(
    async (text: string, media: MediaAttachment[], replyTo: ChatRoomMessage | null, files: File[] = []) => {
      const base = { client_id: crypto.randomUUID(), text, reply_to_id: replyTo?.id ?? null };
      let p: PendingMessage = { ...base, media };
      if (encrypted) {
        try {
          p = { ...base, ...(await seal(text, files)) };
        } catch (err) {
          return dispatch({ type: 'frame', frame: { type: 'error', status: 0, error: `Not sent: ${err instanceof Error ? err.message : String(err)}` } });
        }
      }
      dispatch({ type: 'queued', message: p });
      lastTyping.current = 0;
      transmit(p);
    },
    [transmit, encrypted, seal],
  );
  const retry = useCallback(
    (p: PendingMessage) => {
      dispatch({ type: 'retrying', client_id: p.client_id });
      transmit(p);
    },
    [transmit],
  );
  const act = useCallback((frame: ChatClientFrame) => {
    if (!socket.current?.send(frame)) dispatch({ type: 'frame', frame: { type: 'error', status: 0, error: 'Not connected. Try again in a moment.' } });
  }, []);
  const typingNow = useCallback(() => {
    if (Date.now() - lastTyping.current < TYPING_EVERY_MS) return;
    lastTyping.current = Date.now();
    socket.current?.send({ type: 'typing' });
  }, []);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const loadOlder = useCallback(async () => {
    const oldest = latest.current.messages[0];
    if (!oldest) return;
    setLoadingOlder(true);
    try {
      const page = await chatHistory(chatId, oldest.id);
      dispatch({ type: 'older', page, full: page.length >= PAGE });
    } catch (err) {
      dispatch({ type: 'frame', frame: { type: 'error', status: 0, error: err instanceof Error ? err.message : String(err) } });
    } finally {
      setLoadingOlder(false);
    }
  }, [chatId]);

  return {
    state,
    status,
    loadError,
    typing: typing.filter((id) => id !== me),
    loadingOlder,
    crypto: roomCrypto,
    send,
    retry,
    act,
    typingNow,
    loadOlder,
    dismiss: () => dispatch({ type: 'dismiss' }),
    /** The chat as a REST call changed it (the socket's `members` frame follows too). */
    setChat: (chat: Chat) => dispatch({ type: 'frame', frame: { type: 'members', chat } }),
  };
}
