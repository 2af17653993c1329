/** Opens streaming sockets through the Worker's own fetch, and waits for the frames they receive. */
import { BASE, dispatch, eventually } from './helpers';

export interface Frame {
  stream?: string[];
  event?: string;
  payload?: string;
  error?: string;
  status?: number;
}

export interface TestSocket {
  res: Response;
  ws: WebSocket;
  frames: Frame[];
  send(frame: unknown): void;
  /** The first frame (already received or still to come) that matches, or an error after `ms`. */
  next(match: (f: Frame) => boolean, ms?: number): Promise<Frame>;
  /** Waits `ms` and returns the frames that match: for asserting that something did not arrive. */
  quiet(match: (f: Frame) => boolean, ms?: number): Promise<Frame[]>;
}

export async function openStream(query = '', headers: Record<string, string> = {}): Promise<TestSocket> {
  const res = await dispatch(new Request(`${BASE}/api/v1/streaming${query}`, { headers: { upgrade: 'websocket', ...headers } }));
  const ws = res.webSocket;
  if (!ws) throw new Error(`no socket: ${res.status} ${await res.text()}`);
  ws.accept();
  const frames: Frame[] = [];
  ws.addEventListener('message', (e) => {
    frames.push(JSON.parse(e.data as string) as Frame);
  });
  const next = async (match: (f: Frame) => boolean, ms = 8000) => (await eventually(async () => frames.find(match) ?? frames, (f) => !Array.isArray(f), ms)) as Frame;
  const quiet = async (match: (f: Frame) => boolean, ms = 1500) => {
    await new Promise((r) => setTimeout(r, ms));
    return frames.filter(match);
  };
  return { res, ws, frames, send: (f) => ws.send(typeof f === 'string' ? f : JSON.stringify(f)), next, quiet };
}

/** Lets a subscribe frame reach its object before the test goes on. */
export const settle = () => new Promise((r) => setTimeout(r, 100));
