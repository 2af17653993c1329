/** Chats in tests: start one, send through REST, and open room sockets through the Worker's own fetch. */
import { BASE, type TestUser, call, dispatch, eventually, json } from './helpers';

export async function startChat(user: TestUser, accountIds: string[], title?: string): Promise<Record<string, any>> {
  const res = await call('/api/v1/chats', { token: user.token, json: { account_ids: accountIds, ...(title && { title }) } });
  if (res.status !== 201 && res.status !== 200) throw new Error(`chat creation failed: ${res.status} ${await res.text()}`);
  return json(res);
}

export async function sendMessage(user: TestUser, chatId: string, text: string, clientId = crypto.randomUUID()): Promise<Record<string, any>> {
  const res = await call(`/api/v1/chats/${chatId}/messages`, { token: user.token, json: { client_id: clientId, text } });
  if (res.status !== 201) throw new Error(`send failed: ${res.status} ${await res.text()}`);
  return json(res);
}

export const getChat = async (user: TestUser, chatId: string) => json(await call(`/api/v1/chats/${chatId}`, { token: user.token }));

export type Frame = Record<string, any> & { type: string };

export interface RoomSocket {
  ws: WebSocket;
  frames: Frame[];
  closed: Promise<CloseEvent>;
  send(frame: unknown): void;
  /** The first frame (received or still to come) that matches. */
  next(match: (f: Frame) => boolean, ms?: number): Promise<Frame>;
  /** Waits `ms`, then the frames that match: for asserting that something did not arrive. */
  quiet(match: (f: Frame) => boolean, ms?: number): Promise<Frame[]>;
}

export async function openRoom(user: TestUser, chatId: string, query = ''): Promise<RoomSocket> {
  const res = await dispatch(new Request(`${BASE}/api/v1/chats/${chatId}/socket${query}`, { headers: { upgrade: 'websocket', authorization: `Bearer ${user.token}` } }));
  const ws = res.webSocket;
  if (!ws) throw new Error(`no socket: ${res.status} ${await res.text()}`);
  ws.accept();
  const frames: Frame[] = [];
  ws.addEventListener('message', (e) => frames.push(JSON.parse(e.data as string) as Frame));
  const closed = new Promise<CloseEvent>((resolve) => ws.addEventListener('close', resolve));
  const next = async (match: (f: Frame) => boolean, ms = 8000) => (await eventually(async () => frames.find(match) ?? null, (f) => f !== null, ms))!;
  const quiet = async (match: (f: Frame) => boolean, ms = 500) => {
    await new Promise((r) => setTimeout(r, ms));
    return frames.filter(match);
  };
  const socket = { ws, frames, closed, send: (f: unknown) => ws.send(typeof f === 'string' ? f : JSON.stringify(f)), next, quiet };
  await next((f) => f.type === 'ready');
  return socket;
}
