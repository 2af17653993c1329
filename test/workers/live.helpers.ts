/** Live-stream test helpers: going live, and broadcast and watch sockets through the Worker's own fetch. */
import { BASE, type TestUser, call, dispatch, eventually, json } from './helpers';

export async function goLive(user: TestUser, body: Record<string, unknown> = { title: 'Live now' }): Promise<Record<string, any>> {
  const res = await call('/api/v1/live', { token: user.token, json: body });
  if (res.status !== 201) throw new Error(`going live failed: ${res.status} ${await res.text()}`);
  return json(res);
}

export interface LiveSocket {
  ws: WebSocket;
  /** Binary frames, as bytes. */
  chunks: Uint8Array[];
  /** Text frames, parsed. */
  frames: Record<string, any>[];
  send(frame: unknown): void;
  next(match: (f: Record<string, any>) => boolean, ms?: number): Promise<Record<string, any>>;
  /** Waits until `n` binary frames have arrived. */
  chunksReach(n: number, ms?: number): Promise<Uint8Array[]>;
  closed: Promise<CloseEvent>;
}

/** Upgrade request for a stream's socket; refused upgrades come back as plain responses. */
export const upgrade = (path: string, token?: string | null) => dispatch(new Request(`${BASE}${path}`, { headers: { upgrade: 'websocket', ...(token ? { authorization: `Bearer ${token}` } : {}) } }));

export async function openLive(id: string, role: 'broadcast' | 'watch', token?: string | null): Promise<LiveSocket> {
  const res = await upgrade(`/api/v1/live/${id}/${role}`, token);
  const ws = res.webSocket;
  if (!ws) throw new Error(`no socket: ${res.status} ${await res.text()}`);
  ws.accept();
  const chunks: Uint8Array[] = [];
  const frames: Record<string, any>[] = [];
  const closed = new Promise<CloseEvent>((resolve) => ws.addEventListener('close', resolve));
  // Binary frames arrive as Blobs here; reading one is async, so they are read one after another to keep their order.
  let reading = Promise.resolve();
  ws.addEventListener('message', (e) => {
    if (typeof e.data === 'string') return void frames.push(JSON.parse(e.data));
    const data = e.data as Blob | ArrayBuffer;
    reading = reading.then(async () => void chunks.push(new Uint8Array(data instanceof Blob ? await data.arrayBuffer() : data)));
  });
  return {
    ws,
    chunks,
    frames,
    closed,
    send: (f) => ws.send(typeof f === 'string' || f instanceof Uint8Array ? f : JSON.stringify(f)),
    next: async (match, ms = 8000) => (await eventually(async () => frames.find(match) ?? null, (f) => f !== null, ms))!,
    chunksReach: (n, ms = 8000) => eventually(async () => chunks, (c) => c.length >= n, ms),
  };
}

/** A synthetic media chunk: `size` bytes, all `n`, so order and content are both checkable. */
export const chunk = (n: number, size = 64) => new Uint8Array(size).fill(n % 256);
