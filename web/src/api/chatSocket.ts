/**
 * The socket of one chat room (docs/chat.md, "The socket"): the token as subprotocol, reopened
 * after a drop with a capped, jittered exponential delay (at once when the browser is back
 * online), each time with `?after=<last message seen>` so the room sends exactly what was missed
 * before `ready`.
 */
import type { ChatClientFrame, ChatServerFrame } from '../../../shared/schemas/chats';
import { currentToken } from './client';

export type { ChatClientFrame, ChatServerFrame };
export type ChatConnection = 'connecting' | 'open' | 'offline' | 'closed';

export interface ChatSocketHandlers {
  /** The newest message id the page holds, for the resume. */
  lastSeen(): string | null;
  onFrame(frame: ChatServerFrame): void;
  onStatus(status: ChatConnection): void;
}

export interface ChatSocket {
  /** Sends a frame; false when the socket is not open (the caller keeps it pending). */
  send(frame: ChatClientFrame): boolean;
  close(): void;
}

/** Close code of a member who left or was removed: not reopened. */
const GONE = 4403;
const MAX_DELAY_MS = 15_000;

export function openChatSocket(chatId: string, handlers: ChatSocketHandlers): ChatSocket {
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  /** A reopen is scheduled (so coming back online may hurry it). */
  let waiting = false;
  let timer: number | undefined;

  const retry = () => {
    handlers.onStatus('offline');
    const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** attempt++) * (0.5 + Math.random() / 2);
    waiting = true;
    timer = window.setTimeout(() => void connect(), delay);
  };

  const connect = async () => {
    window.clearTimeout(timer);
    waiting = false;
    handlers.onStatus('connecting');
    let token: string | null;
    try {
      token = await currentToken();
    } catch {
      // The token refresh did not reach the server: the same drop as a closed socket.
      return retry();
    }
    if (stopped) return;
    const after = handlers.lastSeen();
    const url = `${location.origin.replace(/^http/, 'ws')}/api/v1/chats/${encodeURIComponent(chatId)}/socket${after ? `?after=${encodeURIComponent(after)}` : ''}`;
    const ws = token ? new WebSocket(url, [token]) : new WebSocket(url);
    socket = ws;
    ws.onmessage = (e) => {
      if (typeof e.data !== 'string' || socket !== ws) return;
      const frame = JSON.parse(e.data) as ChatServerFrame;
      if (frame.type === 'ready') {
        attempt = 0;
        handlers.onStatus('open');
      }
      handlers.onFrame(frame);
    };
    ws.onclose = (e) => {
      if (stopped || socket !== ws) return;
      socket = null;
      if (e.code === GONE) {
        stopped = true;
        return handlers.onStatus('closed');
      }
      retry();
    };
  };

  const online = () => {
    if (waiting && !stopped) void connect();
  };
  window.addEventListener('online', online);
  void connect();
  return {
    send: (frame) => {
      if (socket?.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(frame));
      return true;
    },
    close: () => {
      stopped = true;
      window.clearTimeout(timer);
      window.removeEventListener('online', online);
      socket?.close();
    },
  };
}
