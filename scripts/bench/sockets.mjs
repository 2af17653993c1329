/**
 * Client plumbing for the real-time benchmark (`ws` clients in this one Node process): REST calls,
 * opening many sockets, the open-file limit they need, timed broadcasts, and the figures' format.
 */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { percentile } from './measure.mjs';

/** A REST call with an account's token; throws with the method, path and status when it fails. */
export async function rest(url, method, path, token, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    signal: AbortSignal.timeout(30_000),
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw Object.assign(new Error(`${method} ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`), { status: res.status });
  return res.json();
}

/** An upgrade the server answered with a plain HTTP status instead of 101. */
export class Refused extends Error {
  constructor(url, status) {
    super(`GET ${new URL(url).pathname} answered ${status} instead of upgrading`);
    this.status = status;
  }
}

/**
 * Resolves with the open socket; rejects with `Refused` when the server answers the upgrade with
 * an error. `listen(ws)` runs before the upgrade: a frame the server sends at once (a room's
 * `ready`, a stream's init segment) can arrive in the same read as the 101.
 */
export function connect(url, headers = {}, listen = () => {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), { headers, perMessageDeflate: false });
    listen(ws);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(new Refused(url, res.statusCode));
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

/**
 * `count` sockets from `open(i)`, at most `parallel` upgrades at a time: all of them, or the first
 * failure once the upgrades under way have settled (and every socket opened is closed).
 */
export async function openMany(count, open, parallel = 50) {
  const sockets = new Array(count);
  let next = 0;
  let failure;
  const worker = async () => {
    while (next < count && !failure) {
      const i = next++;
      try {
        sockets[i] = await open(i);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  if (failure) {
    closeAll(sockets);
    throw failure;
  }
  return sockets;
}

export function closeAll(sockets) {
  for (const ws of sockets) ws?.terminate();
}

/** A text frame's JSON; one that is not JSON becomes `{ type: 'unparsable', text }`, which no measurement counts. */
export function parse(data) {
  const text = data.toString();
  try {
    return JSON.parse(text);
  } catch {
    return { type: 'unparsable', text };
  }
}

/** What a socket receives: text frames parsed, binary frames as Buffers. */
export function frames(ws, onFrame) {
  ws.on('message', (data, isBinary) => onFrame(isBinary ? data : parse(data), isBinary));
}

/**
 * Null when this process may open enough files for `sockets` client sockets (and workerd, which
 * it starts and which inherits its limit, as many on the server side), or a sentence saying why
 * not. Node raises its soft limit to the hard one as it starts, so the hard limit is what counts.
 */
export function fileLimitProblem(sockets) {
  const need = 2 * sockets + 1024;
  let line;
  try {
    line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  } catch {
    return null; // not Linux: nothing to read, let the sockets try
  }
  const soft = line?.split(/\s+/)[3];
  if (!soft || soft === 'unlimited' || Number(soft) >= need) return null;
  return `${sockets.toLocaleString()} sockets need ${need} open files, but this process may open ${soft}: raise the limit (\`ulimit -n ${need}\`, as root or within the hard limit) and run again`;
}

/**
 * A room for timed broadcasts: broadcast i is a chat `send` frame from socket `senderOf(i)`, and
 * every other socket receives something for it, which `round(frame)` recognises (its round
 * number, or undefined); `ack(frame)` likewise recognises the sender's acknowledgement, when the
 * room sends one. `error` frames are counted by status. `padTo` pads the sent frame to that
 * many bytes: a room that relays frames unread then sends as much as one that sends its own.
 */
export function broadcastRoom(sockets, { round, senderOf, ack = () => undefined, padTo = 0 }) {
  const receivers = sockets.length - 1;
  let current = null;
  const sentAt = [];
  /** Round number → ms from its send to the sender's acknowledgement. */
  const acks = new Map();
  const errors = new Map();
  for (const [k, ws] of sockets.entries()) {
    frames(ws, (frame, isBinary) => {
      if (isBinary) return;
      if (frame.type === 'error') errors.set(frame.status, (errors.get(frame.status) ?? 0) + 1);
      const acked = ack(frame);
      if (acked !== undefined && sentAt[acked] !== undefined && senderOf(acked) === k) acks.set(acked, performance.now() - sentAt[acked]);
      if (!current || current.sender === k || round(frame) !== current.i) return;
      const at = performance.now() - current.sentAt;
      current.first ??= at;
      current.last = at;
      if (++current.count === receivers) current.done();
    });
  }
  return {
    receivers,
    acks,
    errors,
    /** Broadcast number `i`; resolves with how many received it and the first and last arrival (ms after the send) once all have, or after `timeoutMs`. */
    async broadcast(i, timeoutMs) {
      const sender = senderOf(i);
      const finished = new Promise((done) => (current = { i, sender, count: 0, first: undefined, last: undefined, done, sentAt: performance.now() }));
      sentAt[i] = current.sentAt;
      const frame = JSON.stringify({ type: 'send', client_id: `b-${i}`, text: `broadcast ${i}` });
      sockets[sender].send(frame.length >= padTo ? frame : `${frame.slice(0, -1)},"pad":"${'x'.repeat(padTo - frame.length - 9)}"}`);
      const timer = setTimeout(() => current.done(), timeoutMs);
      await finished;
      clearTimeout(timer);
      const { count, first, last } = current;
      current = null;
      return { count, first, last };
    },
  };
}

/**
 * Timed broadcasts in `rooms` (from `broadcastRoom`), taking turns round by round so that a
 * change in the machine's load falls on every room alike. Each broadcast waits for every receiver
 * (at most `timeoutMs`), then pauses briefly; the first rounds warm up, and a room with 5
 * measured rounds missing frames is not sent more. Resolves, per room, with the spread of each
 * measured round's first and last arrival and of the acknowledgements (ms after the send), the
 * rounds measured, and the frames that never came. Rounds are numbered from `first`: a room
 * measured again needs new numbers, as a chat drops a send whose client id it has stored.
 */
export async function timedBroadcasts(rooms, { rounds = 100, warmup = 5, timeoutMs = 2_000, pauseMs = 10, first = 0 } = {}) {
  const tallies = rooms.map(() => ({ firsts: [], lasts: [], missing: 0, incomplete: 0, measured: 0 }));
  for (let i = first; i < first + warmup + rounds; i++) {
    for (const [k, room] of rooms.entries()) {
      const t = tallies[k];
      if (t.incomplete >= 5) continue;
      const r = await room.broadcast(i, timeoutMs);
      if (i >= first + warmup) {
        t.measured++;
        t.missing += room.receivers - r.count;
        if (r.count < room.receivers) t.incomplete++;
        if (r.count) t.firsts.push(r.first), t.lasts.push(r.last);
      }
      await new Promise((done) => setTimeout(done, pauseMs));
    }
  }
  return rooms.map((room, k) => {
    const { firsts, lasts, missing, measured } = tallies[k];
    const acks = [...room.acks].filter(([i]) => i >= first + warmup && i < first + warmup + rounds).map(([, at]) => at);
    return { first: spread(firsts), last: spread(lasts), missing, measured, rounds, receivers: room.receivers, ack: spread(acks), acked: acks.length, errors: room.errors };
  });
}

/** What `timedBroadcasts` measured, as the bench prints it. */
export function broadcastFigures(r) {
  const stopped = r.measured < r.rounds ? `; stopped after ${r.measured} of ${r.rounds} broadcasts` : '';
  const missing = r.missing ? ` (${r.missing.toLocaleString()} of ${(r.measured * r.receivers).toLocaleString()} frames missing${stopped})` : '';
  const errors = [...r.errors].map(([status, n]) => `${n} × ${status}`).join(', ');
  return `${r.measured} broadcasts: first receive ${ms(r.first)}, last receive ${ms(r.last)}${missing}${errors ? `; error frames: ${errors}` : ''}`;
}

/** The round number in a broadcast frame's client id (`b-<n>`). */
export const roundOf = (clientId) => (typeof clientId === 'string' && clientId.startsWith('b-') ? Number(clientId.slice(2)) : undefined);

/** `{ p50, p99, max }` of a list of milliseconds. */
export function spread(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

export const ms = (s) => `p50 ${s.p50.toFixed(1)} / p99 ${s.p99.toFixed(1)} ms`;
