/** Live streams: REST calls and a self-reconnecting socket to a stream's room (docs/live.md). */
import type { z } from 'zod';
import type { LiveServerFrame, LiveStream as LiveStreamSchema } from '../../../shared/schemas/live';
import { api, currentToken, publicApi } from './client';

export type LiveStream = z.input<typeof LiveStreamSchema>;
export type { LiveServerFrame };

export const liveStreams = () => api<LiveStream[]>('/api/v1/live');
export const getLiveStream = (id: string) => publicApi<LiveStream>(`/api/v1/live/${encodeURIComponent(id)}`);
export const goLive = (title: string, visibility: string) => api<LiveStream>('/api/v1/live', { body: { title, visibility } });
export const endLive = (id: string) => api<LiveStream>(`/api/v1/live/${encodeURIComponent(id)}/end`, { method: 'POST' });

export interface RoomHandlers {
  onChunk?(chunk: ArrayBuffer): void;
  onFrame(frame: LiveServerFrame): void;
  /** The socket is open (again): a watcher restarts its player, a broadcaster its recorder. */
  onOpen?(socket: WebSocket): void;
}

/**
 * Opens the broadcast or watch socket with the token as subprotocol, and reopens it after a
 * drop (exponential, jittered delay) until `close()` or the stream ends.
 */
export function openRoom(id: string, role: 'broadcast' | 'watch', handlers: RoomHandlers): { send(data: string | Blob): void; close(): void } {
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  const connect = async () => {
    const token = await currentToken();
    if (stopped) return;
    const url = `${location.origin.replace(/^http/, 'ws')}/api/v1/live/${encodeURIComponent(id)}/${role}`;
    const ws = token ? new WebSocket(url, [token]) : new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      handlers.onOpen?.(ws);
    };
    ws.onmessage = (e) => {
      if (typeof e.data !== 'string') return handlers.onChunk?.(e.data as ArrayBuffer);
      const frame = JSON.parse(e.data) as LiveServerFrame;
      if (frame.type === 'ended') stopped = true;
      handlers.onFrame(frame);
    };
    ws.onclose = () => {
      if (stopped || socket !== ws) return;
      const delay = Math.min(30_000, 500 * 2 ** attempt++) * (0.5 + Math.random() / 2);
      setTimeout(() => void connect(), delay);
    };
  };
  void connect();
  return {
    send: (data) => {
      if (socket?.readyState === WebSocket.OPEN) socket.send(data);
    },
    close: () => {
      stopped = true;
      socket?.close();
    },
  };
}
